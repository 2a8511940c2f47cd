import { ApiKey } from '../api-keys/api-key.entity.js';
import { RefreshToken } from '../auth/refresh-token.entity.js';
import { Content } from '../contents/content.entity.js';
import { Role } from '../roles/role.entity.js';
import { User } from '../users/user.entity.js';

export const ENTITIES = [User, Role, RefreshToken, Content, ApiKey];
