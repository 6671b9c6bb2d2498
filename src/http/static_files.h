// The stylesheets, compiled in (no files are served from disk, so there is
// no path to traverse).

#ifndef SAGSSPOR_HTTP_STATIC_FILES_H_
#define SAGSSPOR_HTTP_STATIC_FILES_H_

namespace sagsspor::http {

inline constexpr char kStyleSheet[] = R"css(
:root { --tekst: #1b1b1b; --baggrund: #ffffff; --accent: #0b4f8a; --mat: #5a5a5a; --markering: #fff3a8; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: var(--tekst); background: var(--baggrund); }
a { color: var(--accent); }
a:focus, button:focus, input:focus { outline: 3px solid #f2a900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between;
         padding: .75rem 1rem; border-bottom: 1px solid #ddd; }
header nav a { margin-right: 1rem; }
.logo { font-weight: 700; text-decoration: none; }
header form { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
input[type=search] { font: inherit; padding: .4rem; min-width: 14rem; }
button { font: inherit; padding: .4rem .8rem; background: var(--accent); color: #fff; border: 0; border-radius: 3px; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
footer { border-top: 1px solid #ddd; padding: 1rem; color: var(--mat); }
.meta, .kilde { color: var(--mat); }
.badge { display: inline-block; font-size: .8rem; padding: 0 .4rem; border: 1px solid var(--accent);
         border-radius: 3px; color: var(--accent); }
mark { background: var(--markering); }
.soegning { display: grid; grid-template-columns: 1fr 14rem; gap: 2rem; }
.dagsorden .gruppe { list-style: none; font-weight: 700; margin-top: 1rem; }
.nr { font-variant-numeric: tabular-nums; margin-right: .5rem; }
@media (max-width: 40rem) { .soegning { grid-template-columns: 1fr; } }
)css";

inline constexpr char kPrintStyleSheet[] = R"css(
header form, nav, .skip, aside, .sider { display: none; }
body { font: 11pt/1.4 serif; }
a { color: inherit; text-decoration: none; }
main { max-width: none; }
)css";

}  // namespace sagsspor::http

#endif  // SAGSSPOR_HTTP_STATIC_FILES_H_
