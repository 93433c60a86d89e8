/** The admin app's entry (Vite bundles it from index.html): mounts the shell in `#root`. */
import { createElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminShell } from './admin-shell.ts';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(createElement(StrictMode, null, createElement(AdminShell)));
