import { SetMetadata } from '@nestjs/common';

export const SIGN_IN_ROUTE = 'keyward:sign-in-route';

/** Login, register, refresh, logout: limited per IP (AUTH_RATE_LIMIT/minute) and closed to blocked IPs. */
export const SignInRoute = () => SetMetadata(SIGN_IN_ROUTE, true);
