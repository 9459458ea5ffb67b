/** Hands a file made or downloaded in the page to the browser, to save under a name. */

/**
 * @param blob the file's bytes.
 * @param fileName the name the browser proposes.
 */
export function saveAs(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Let the browser start the download before the address is freed.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
