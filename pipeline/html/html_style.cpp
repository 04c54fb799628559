#include "html/html_style.h"

namespace clerk::html {

// Text #1b1b1b on white is 17:1; links #1a4a80 on white 9:1; the draft mark #a0001c on white
// 8:1; header cells #1b1b1b on #e8e8e8 14:1.
const char* const kStyleSheet = R"css(
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; padding: 1rem; color: #1b1b1b; background: #ffffff;
  font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 1rem; line-height: 1.5;
  overflow-wrap: break-word; }
main, header, footer { max-width: 48rem; margin: 0 auto; }
a { color: #1a4a80; text-decoration: underline; }
a:focus { outline: 3px solid #1a4a80; outline-offset: 2px; }
h1, h2, h3 { line-height: 1.25; margin: 1.5em 0 0.5em; }
h1 { font-size: 1.5rem; }
h2 { font-size: 1.25rem; }
h3 { font-size: 1.1rem; }
h1 .label, h2 .label, h3 .label { margin-right: 0.5em; }
p { margin: 0 0 0.75em; }
.right { text-align: right; }
.center { text-align: center; }
.draft-mark { font-weight: bold; font-size: 1.25rem; letter-spacing: 0.1em; color: #a0001c;
  border: 2px solid #a0001c; display: inline-block; padding: 0.1em 0.5em; margin: 0 0 1em; }
.fields { margin: 0 0 1.5em; }
.fields .field { display: flex; flex-wrap: wrap; gap: 0 1em; margin: 0 0 0.5em; }
.fields dt { font-weight: bold; flex: 0 0 12em; max-width: 100%; }
.fields dd { margin: 0; flex: 1 1 16em; min-width: 0; }
.fields dd p:last-child { margin-bottom: 0; }
.box { border: 2px solid #1b1b1b; padding: 0.75em 1em; margin: 1em 0 1.5em; }
.box > :last-child { margin-bottom: 0; }
.np { position: relative; padding-left: 3em; margin: 0 0 0.75em; }
.np > .np-label { position: absolute; left: 0; top: 0; }
div.np > .np-body > :last-child { margin-bottom: 0; }
ul, ol { list-style: none; margin: 0 0 0.75em; padding: 0; }
li { position: relative; padding-left: 1.75em; margin: 0 0 0.4em; }
li > .marker, li > .li-label { position: absolute; left: 0; top: 0; }
li > p:last-child { margin-bottom: 0; }
.appendix { border-top: 2px solid #1b1b1b; margin-top: 2.5em; }
.appendix > h1 .appendix-label, .appendix > h1 .appendix-title { display: block; }
.appendix > h1 .appendix-title { font-size: 1.1rem; margin-top: 0.25em; }
.table-wrap { max-width: 100%; overflow-x: auto; margin: 0 0 1.5em; }
.table-wrap:focus { outline: 3px solid #1a4a80; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
caption { text-align: left; font-weight: bold; padding: 0 0 0.4em; }
th, td { border: 1px solid #5a5a5a; padding: 0.3em 0.45em; vertical-align: top; text-align: left;
  overflow-wrap: break-word; }
th.right, td.right { text-align: right; white-space: nowrap; }
th.center, td.center { text-align: center; }
thead th { background: #e8e8e8; }
td p:last-child, th p:last-child { margin-bottom: 0; }
figure.chart { margin: 1em 0 1.5em; }
figure.chart figcaption { font-weight: bold; margin: 0 0 0.4em; }
figure.chart svg { display: block; max-width: 100%; height: auto; margin: 0 0 0.75em; }
footer { border-top: 1px solid #5a5a5a; margin-top: 2em; padding-top: 0.5em; font-size: 0.9rem; }
@media print { .table-wrap { overflow: visible; } }
)css";

}  // namespace clerk::html
