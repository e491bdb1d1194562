'use client'
import * as Dialog from '@radix-ui/react-dialog'
import * as Menu from '@radix-ui/react-dropdown-menu'
import { part } from '../shared/part.tsx'

/*
 * The UserButton's building blocks: each wraps one Radix part, adds `data-slot` and its class,
 * and forwards the rest, so apps can restyle by `[data-slot=…][data-state=…]`.
 */
export const MenuRoot = Menu.Root
export const MenuPortal = Menu.Portal
export const MenuTrigger = part(Menu.Trigger, 'user-button-trigger')
export const MenuContent = part(Menu.Content, 'user-button-content')
export const MenuGroup = part(Menu.Group, 'user-button-group')
export const MenuItem = part(Menu.Item, 'user-button-item')
export const MenuSeparator = part(Menu.Separator, 'user-button-separator')

export const DialogRoot = Dialog.Root
export const DialogPortal = Dialog.Portal
export const DialogOverlay = part(Dialog.Overlay, 'user-button-overlay')
export const DialogContent = part(Dialog.Content, 'user-button-dialog')
export const DialogTitle = part(Dialog.Title, 'user-button-dialog-title')
export const DialogClose = part(Dialog.Close, 'user-button-dialog-close')
