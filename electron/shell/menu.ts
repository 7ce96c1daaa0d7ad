/** Builds the application menu from the plain template in policy/menuTemplate.ts. */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../contract';
import { menuTemplate, type MenuItemSpec } from './policy/menuTemplate';

export function installApplicationMenu(options: {
  platform: NodeJS.Platform;
  isDev: boolean;
  onCommand: (command: MenuCommand) => void;
}): void {
  const template = menuTemplate({ platform: options.platform, isDev: options.isDev });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(template.map((item) => toElectronItem(item, options.onCommand))),
  );
}

function toElectronItem(
  spec: MenuItemSpec,
  onCommand: (command: MenuCommand) => void,
): MenuItemConstructorOptions {
  const { command, submenu, ...rest } = spec;
  const item: MenuItemConstructorOptions = { ...rest };
  if (submenu) item.submenu = submenu.map((child) => toElectronItem(child, onCommand));
  if (command) item.click = () => onCommand(command);
  return item;
}
