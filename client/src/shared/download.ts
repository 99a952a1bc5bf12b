/**
 * Saves a file the app made or fetched: an object URL for the blob and a temporary link with `download`, clicked.
 * The URL is let go once the browser has had time to start the download.
 */
export function saveFile(data: Blob, fileName: string): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/** A CSV text as a file: UTF-8 with a byte-order mark, so spreadsheet programs read accents right. */
export function csvBlob(text: string): Blob {
  return new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
}
