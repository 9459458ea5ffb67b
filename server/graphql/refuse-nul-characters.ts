/**
 * Refuses text that holds the NUL character (U+0000), in an operation's string literals or in
 * its variables. PostgreSQL cannot store or even compare such text: a NUL reaching a query
 * failed it with "invalid byte sequence for encoding UTF8: 0x00", which the client saw as
 * "Unexpected error." (found by tests/security/fuzz-graphql-inputs.test.ts). No form of the web
 * client can type one, so it is refused outright, before anything runs, whatever the database.
 *
 * Literals are checked by a validation rule (part of the document, so yoga's validation cache
 * keeps the verdict); variables change with every request and are checked before execution.
 */
import type { ASTVisitor, ValidationContext } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const NUL = '\u0000';

type Where = 'operation' | 'variables';

function nulError(where: Where) {
  const en = `The ${where === 'operation' ? 'operation' : 'variables'} hold a NUL character (U+0000), which Grange cannot store: remove it.`;
  return createGraphQLError(en, {
    extensions: {
      code: 'nul-character',
      http: { status: 400 },
      messages: {
        fr: `${where === 'operation' ? 'La requête contient' : 'Les variables contiennent'} un caractère NUL (U+0000), que Grange ne peut pas enregistrer : retirez-le.`,
        en,
      },
    },
  });
}

/** The validation rule for the document's string literals. */
export function nulCharacterRule(context: ValidationContext): ASTVisitor {
  let reported = false;
  return {
    StringValue(node) {
      if (reported || !node.value.includes(NUL)) return;
      reported = true;
      context.reportError(nulError('operation'));
    },
  };
}

/** The yoga plugin: the rule above, and the variables of each request before it runs. */
export const refuseNulCharacters: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(nulCharacterRule);
  },
  onExecute({ args, setResultAndStopExecution }) {
    if (holdsNul(args.variableValues))
      setResultAndStopExecution({ errors: [nulError('variables')] });
  },
};

/** Whether a JSON value holds a NUL in any string or member name (without recursion). */
function holdsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (item.includes(NUL)) return true;
    } else if (typeof item === 'object' && item !== null && !isUploadedFile(item)) {
      for (const [key, member] of Object.entries(item)) {
        if (key.includes(NUL)) return true;
        pending.push(member);
      }
    }
  }
  return false;
}

/**
 * An uploaded file (multipart): its name is the sender's, cleaned before it is stored or
 * shown (`app/evidence-files`), and its bytes are never text: neither is refused here.
 */
function isUploadedFile(value: object): boolean {
  const file = value as { arrayBuffer?: unknown; size?: unknown };
  return typeof file.arrayBuffer === 'function' && typeof file.size === 'number';
}
