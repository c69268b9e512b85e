/** What the runner (test/e2e/clients.e2e.test.ts) hands every client program. */
export const apiUrl = required('CLIENT_API_URL');
/** An editor key, for the mutation checks. */
export const editorKey = required('CLIENT_EDITOR_KEY');

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the client programs through test/e2e/clients.e2e.test.ts`);
  return value;
}

/** One line per check, so the runner's output shows what each client proved. */
export function report(client: string, what: string): void {
  console.log(`[${client}] ok: ${what}`);
}
