/**
 * The house plan's "who may import whom" is enforced by ESLint (eslint.config.js). These cases
 * prove the rule bites: each forbidden import is reported, each allowed one is not.
 */
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('who may import whom', () => {
  it.each([
    ['renderer/App.tsx', "import { createApp } from '../electron/app';\nvoid createApp;\n"],
    ['renderer/App.tsx', "import { readFile } from 'node:fs';\nvoid readFile;\n"],
    ['renderer/App.tsx', "import Store from 'electron-store';\nvoid Store;\n"],
    [
      'renderer/features/drafts/X.tsx',
      "import { DraftStore } from '../../../electron/drafts/DraftStore';\nvoid DraftStore;\n",
    ],
    ['electron/app.ts', "import { app } from 'electron';\nvoid app;\n"],
    ['electron/drafts/DraftStore.ts', "import Store from 'electron-store';\nvoid Store;\n"],
    [
      'electron/app.ts',
      "import { registerCommandHandlers } from './shell/ipc';\nvoid registerCommandHandlers;\n",
    ],
    ['electron/shell/policy/csp2.ts', "import { app } from 'electron';\nvoid app;\n"],
    ['electron/main.ts', "import Store from 'electron-store';\nvoid Store;\n"],
    ['electron/contract/api2.ts', "import { readFile } from 'node:fs';\nvoid readFile;\n"],
    ['electron/contract/api2.ts', "import { createApp } from '../app';\nvoid createApp;\n"],
    ['e2e/x.spec.ts', "import { app } from 'electron';\nvoid app;\n"],
  ])('%s may not: %s', async (file, source) => {
    expect(await importErrors(file, source)).not.toEqual([]);
  });

  it.each([
    ['renderer/App.tsx', "import type { Draft } from '../electron/contract';\nexport type D = Draft;\n"],
    [
      'electron/main.ts',
      "import { app } from 'electron';\nimport { createApp } from './app';\nvoid app;\nvoid createApp;\n",
    ],
    [
      'electron/shell/ipc2.ts',
      "import { ipcMain } from 'electron';\nimport Store from 'electron-store';\nvoid ipcMain;\nvoid Store;\n",
    ],
    ['electron/app.ts', "import { AppError } from './dispatcher';\nvoid AppError;\n"],
  ])('%s may: %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });
});
