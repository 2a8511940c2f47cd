import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';

const NAME_MAX_LENGTH = 100;

// C0 controls (ESC among them), DEL, C1 controls, and the bidirectional marks, embeddings,
// overrides and isolates that make a name display as something else ("txt.exe" shown as "exe.txt").
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const IN_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
// Descriptions may span lines: tab, LF and CR are fine there.
// eslint-disable-next-line no-control-regex -- as above
const IN_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** The first character a name (or, `multiline`, a description) must not hold, as "U+202E"; null when there is none. */
export function forbiddenCharacterIn(text: string, multiline = false): string | null {
  const found = (multiline ? IN_MULTILINE : IN_NAME).exec(text);
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/**
 * Refuses (400 validation.failed naming the field) control and bidirectional-formatting
 * characters in text other people read: key, user and role names and descriptions. Refused, not
 * stripped, so what is stored is exactly what was sent. Non-strings are left to other validators.
 */
export function IsDisplayText(options: { multiline?: boolean } = {}): PropertyDecorator {
  return ValidateBy({
    name: 'isDisplayText',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || forbiddenCharacterIn(value, options.multiline) === null,
      defaultMessage: (args) =>
        `${args?.property ?? 'text'} must not contain control or bidirectional-formatting characters (found ${forbiddenCharacterIn(String(args?.value), options.multiline)})`,
    },
  });
}

/**
 * A name people read (a workspace's, an app's): a string of 1–100 characters, no control or
 * bidirectional-formatting characters, documented as such — required, or `optional` on updates.
 */
export function DisplayName(options: { optional?: boolean } = {}): PropertyDecorator {
  const rules = [IsString(), IsNotEmpty(), MaxLength(NAME_MAX_LENGTH), IsDisplayText()];
  return options.optional ? applyDecorators(ApiPropertyOptional({ maxLength: NAME_MAX_LENGTH }), IsOptional(), ...rules) : applyDecorators(ApiProperty({ maxLength: NAME_MAX_LENGTH }), ...rules);
}
