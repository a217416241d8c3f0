// Desk screens speak plain words (UX.md, "Tone"): an engine sentence that carries an error
// code, an environment variable's name or a file path keeps that part for admins, behind a
// "Details" link, and the desk reads the rest.
import { FAX_ERROR_CODES } from '../../../shared/errors';

const ENV_NAME = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b/;
const POSIX_PATH = /(^|[\s("'])~?\/[^\s/]+\/[^\s]*/;
const WINDOWS_PATH = /\b[A-Za-z]:\\[^\s]*/;
const ERROR_CODE = new RegExp(`\\b(${FAX_ERROR_CODES.filter((c) => c.includes('_')).join('|')})\\b`);

/** Whether a piece of text holds something only an admin would read: a code, a variable's name, a path. */
export function isTechnical(text: string): boolean {
  return ENV_NAME.test(text) || POSIX_PATH.test(text) || WINDOWS_PATH.test(text) || ERROR_CODE.test(text);
}

/** Sentences, each with its end mark (a dot inside a file name does not end one). */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The words for the desk and, when the message held technical parts, the whole message for
 * the Details link. A message that is technical through and through gets `fallback`.
 */
export function deskText(
  message: string,
  fallback = 'Something went wrong. An admin can see the details.',
): { plain: string; details: string | null } {
  if (!isTechnical(message)) return { plain: message, details: null };
  const plain = sentences(message)
    .map((sentence) => {
      if (!isTechnical(sentence)) return sentence;
      // "X could not start: set PHAXIO_API_KEY…": the words before the technical clause stay.
      const head = sentence.split(/:\s/)[0];
      return head !== sentence && !isTechnical(head) ? `${head}.` : '';
    })
    .filter(Boolean)
    .join(' ');
  return { plain: plain || fallback, details: message };
}
