import { AppError } from '../../common/errors/app-error.js';
import { DEFAULT_LIMIT_NAME, type NamedLimit } from './quota.js';

/** A list of limits as stored: names unique, `default` left to rateLimit. Refuses anything else. */
export function checkedLimits(limits: NamedLimit[], field = 'limits'): NamedLimit[] {
  const seen = new Set<string>();
  limits.forEach((limit, i) => {
    if (limit.name === DEFAULT_LIMIT_NAME) throw new AppError('validation.failed', undefined, [{ field: `${field}.${i}.name`, message: 'the limit named default is rateLimit; choose another name' }]);
    if (seen.has(limit.name)) throw new AppError('validation.failed', undefined, [{ field: `${field}.${i}.name`, message: `two limits are named ${limit.name}` }]);
    seen.add(limit.name);
  });
  return limits;
}
