import * as path from 'node:path';

/**
 * The data folder named by `SIGNET_DATA_DIR`, made absolute against the working directory, or
 * null when it is unset or blank (then the platform's user-data folder is used). Tests and the
 * e2e suite point every run at a throwaway folder this way.
 */
export function dataDirFromEnv(value: string | undefined, cwd: string): string | null {
  const trimmed = value?.trim();
  return trimmed ? path.resolve(cwd, trimmed) : null;
}
