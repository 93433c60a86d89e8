/**
 * The admin app's sections: every `sections/*-section.ts` (Vite gathers them at build time),
 * ordered for the navigation.
 */
import type { AdminSection } from './admin-section.ts';

const modules = import.meta.glob<{ section: AdminSection }>('./sections/*-section.ts', { eager: true });

/** The sections, in navigation order. */
export const SECTIONS: readonly AdminSection[] = Object.values(modules)
  .map((module) => module.section)
  .sort((a, b) => a.order - b.order || a.label.localeCompare(b.label));
