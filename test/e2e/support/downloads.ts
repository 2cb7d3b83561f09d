/** Downloads started by clicking a link, read into memory. */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';

export interface DownloadedFile {
  readonly fileName: string;
  readonly bytes: Buffer;
}

/** Clicks the link and waits for the download it starts (a download event, not a page). */
export async function downloadFrom(page: Page, link: Locator): Promise<DownloadedFile> {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const failure = await download.failure();
  if (failure) throw new Error(`The download of ${download.url()} failed: ${failure}`);
  const file = await download.path();
  return { fileName: download.suggestedFilename(), bytes: await readFile(file) };
}
