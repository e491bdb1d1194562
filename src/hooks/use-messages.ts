'use client'
import type { Messages } from '../localization/index.ts'
import { useUserkit } from './use-userkit.ts'

/** The message catalog: English with the provider's `localization` merged over it. */
export function useMessages(): Messages {
  return useUserkit('useMessages').messages
}
