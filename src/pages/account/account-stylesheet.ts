/**
 * The account page's additions to the pages' stylesheet (`/login/pages.css`), served at
 * `/account/account.css`: a wider column on large screens, sections, lists of items with their
 * buttons (a device's rename form opens in place), new recovery codes in two columns, secondary
 * and destructive buttons, a link styled as a button, and text kept for screen
 * readers only. Colours come from the shared stylesheet's variables (light and dark).
 */
export const ACCOUNT_STYLESHEET = `@media (min-width:48rem){main{max-width:44rem}}
.account-section{border-top:1px solid var(--border);margin-top:1.5rem;padding-top:1rem}
h2{font-size:1.25rem;margin:0 0 .75rem}
h3{font-size:1rem;margin:1rem 0 .5rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}
.facts dt{font-weight:600}
.facts dd{margin:0}
.plain-list{margin:0 0 1rem;padding-left:1.2rem}
.item-list{list-style:none;margin:0 0 1rem;padding:0}
.item-list li{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.75rem 0;border-bottom:1px solid var(--border)}
.item-list li:last-child{border-bottom:0}
.item-text{display:flex;flex-direction:column;min-width:0;overflow-wrap:anywhere}
.muted,.hint{color:var(--muted)}
.muted{font-size:.9rem}
.badge{color:var(--accent)}
.question-set{border:1px solid var(--border);border-radius:.375rem;padding:.75rem 1rem 0}
.question-set legend{padding:0 .25rem}
.message.status{border-color:var(--accent)}
[aria-invalid=true]{border-color:var(--error)!important;border-width:2px!important}
button.secondary,.button-link.secondary{background:transparent;color:var(--accent);border:1px solid var(--accent)}
button.danger{background:var(--error);color:var(--card)}
.button-link{display:inline-block;font:inherit;padding:.6rem 1.2rem;border-radius:.375rem;background:var(--accent);color:var(--card);text-decoration:none}
.item-actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start}
.device .item-actions{flex:1 1 14rem;justify-content:flex-end}
.rename summary{cursor:pointer;color:var(--accent);padding:.6rem .25rem}
.device:has(.rename[open]) .item-actions{flex-basis:100%}
.rename[open]{flex-basis:100%}
.rename form{margin-top:.5rem}
.recovery-codes{columns:2;gap:2rem;margin:0 0 1.5rem;padding-left:1.8rem;font-size:1.1rem}
.recovery-codes li{padding:.2rem 0}
.recovery-codes code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.05em}
.visually-hidden{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
`;
