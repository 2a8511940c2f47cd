import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { isPermission } from './permissions.js';

@ValidatorConstraint({ name: 'isPermission' })
export class IsPermissionConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isPermission(value);
  }

  defaultMessage(): string {
    return 'each permission must be "*", "resource:*" or "resource:action"';
  }
}
