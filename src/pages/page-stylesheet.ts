/** The pages' one stylesheet, served from Arbor's own origin (`/login/pages.css`): small, responsive, light and dark. */
export const PAGE_STYLESHEET = `:root{--bg:#f4f5f7;--card:#fff;--text:#1b1f24;--muted:#4a5360;--accent:#0b5cad;--error:#a3161b;--warning:#7a4b00;--border:#c9ced6;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#15181c;--card:#1f2328;--text:#eef1f4;--muted:#b5bcc6;--accent:#7ab8ff;--error:#ff8c8c;--warning:#ffcc66;--border:#444b55}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:28rem;margin:0 auto;padding:1.5rem 1rem}
.card{background:var(--card);border:1px solid var(--border);border-radius:.5rem;padding:1.5rem}
h1{font-size:1.5rem;margin:0 0 .5rem}
.description{color:var(--muted);margin:0 0 1rem}
a{color:var(--accent)}
.field{margin:0 0 1rem;border:0;padding:0}
label,legend{display:block;font-weight:600;margin:0 0 .25rem}
.check{display:flex;gap:.5rem;align-items:flex-start}
.check label{font-weight:400}
input[type=text],input[type=password],input[type=email],input[type=number],select{width:100%;padding:.6rem;border:1px solid var(--border);border-radius:.375rem;background:var(--card);color:var(--text);font:inherit}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:.375rem;background:var(--accent);color:var(--card);cursor:pointer}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem}
.message{padding:.75rem;border-radius:.375rem;border:1px solid var(--border)}
.message.error,.field-errors{color:var(--error)}
.message.warning{color:var(--warning)}
.field-errors{margin:.25rem 0 0;padding-left:1.2rem}
.terms{max-height:20rem;overflow:auto;border:1px solid var(--border);border-radius:.375rem;padding:0 1rem;margin:0 0 1rem}
@media (min-width:40rem){main{padding-top:4rem}}
`;
