// Copying an invite link: the Clipboard API where the browser allows it.

/** Copies text; resolves to false when the browser refuses, so the page can say what to do. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
