/**
 * The one stylesheet of every HTML document (inline: no external asset). Outcomes differ by
 * symbol, word and border style as well as colour, so a greyscale print keeps them apart; ids
 * never wrap; evidence shows one `key: value` per line, in a column kept wide enough for its
 * keys (a long target or subject path wraps instead of squeezing it). Printing repeats a running header
 * (the frame table's thead, which browsers repeat on every page) and numbers the pages where
 * the browser supports @page margin boxes (Chromium 131+); the banner prints on white.
 */
const SANS = 'system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans","Liberation Sans",sans-serif';
const MONO = 'ui-monospace,SFMono-Regular,Menlo,"DejaVu Sans Mono","Liberation Mono",monospace';

const SCREEN = `
*{box-sizing:border-box}
body{font:15px/1.5 ${SANS};color:#1b1f24;background:#fff;max-width:1200px;margin:1rem auto 2rem;padding:0 1rem}
.frame,.frame>tbody,.frame>tbody>tr,.frame>tbody>tr>td{display:block;border:0;padding:0;margin:0}
.frame>thead{display:none}
h1{border-bottom:2px solid #d0d7de;padding-bottom:.3rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
.banner{border-radius:10px;padding:.8rem 1.25rem 1rem;margin:0 0 1.25rem;color:#fff;border:1px solid rgba(0,0,0,.25)}
.banner.v-ready{background:#1a7f37}.banner.v-notready{background:#a40e26}.banner.v-incomplete{background:#7d4e00}
.banner.v-partial{background:repeating-linear-gradient(135deg,#3d444d 0 16px,#4a525c 16px 32px)}
.banner h1{font-size:1.05rem;font-weight:600;margin:0 0 .3rem;padding:0;border:0;letter-spacing:.01em}
.banner blockquote{margin:.3rem 0 .6rem;padding:.4rem .7rem;border-left:4px solid #fff;background:rgba(255,255,255,.14);color:#fff}
.banner blockquote p{margin:0}.banner code{color:#1b1f24}
.v-main{display:flex;flex-wrap:wrap;align-items:baseline;gap:.2rem 1.4rem}
.v-state{font-size:2.6rem;font-weight:800;line-height:1.1;letter-spacing:.02em;white-space:nowrap}
.v-grade{white-space:nowrap}.v-grade .letter{font-size:2.1rem;font-weight:800}.v-grade .score{font-size:1.3rem;font-weight:600;margin-left:.3rem}
.v-meta{font-size:.95rem;opacity:.95}.v-note{margin:.35rem 0 0}
.v-head{margin:.55rem 0 .1rem;font-weight:700}.v-block{margin:0;padding-left:1.3rem}.v-block li{margin:.05rem 0}
.nobr{white-space:nowrap}
.glance h2{margin-top:.5rem}
.figs{display:flex;flex-wrap:wrap;gap:1rem 2.5rem;align-items:flex-start}
figure{margin:0;max-width:100%}figure svg{max-width:100%;height:auto;display:block}
figcaption{font-size:12px;color:#57606a;margin-top:.15rem}
svg.pic{font:12px ${SANS};fill:#1b1f24}
svg.pic .dim{fill:#57606a;font-size:11px}svg.pic .val{font-weight:700}svg.pic .bad{fill:#a40e26;font-weight:700}
svg.pic .in{fill:#fff;font-size:11px;font-weight:700}svg.pic .in.dark{fill:#1b1f24}
svg.pic .halo{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
main table{border-collapse:collapse;margin:.75rem 0;font-size:13px;display:block;overflow-x:auto}
main th,main td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}
main th{background:#f6f8fa}main tbody tr:nth-child(even) td{background:#fbfcfd}
code{font:12px ${MONO};background:#f3f4f6;padding:1px 4px;border-radius:3px;white-space:nowrap}
code.long{white-space:normal;overflow-wrap:anywhere}
main table.ev td:last-child code{display:block;white-space:pre-wrap;overflow-wrap:anywhere;background:none;padding:0;margin:0 0 1px}
main table.ev td:last-child{min-width:19em}main table.ev td:nth-child(3){overflow-wrap:anywhere;min-width:12ch}
.o{font-weight:700;white-space:nowrap;padding:0 .35em;border:1px solid;border-radius:3px}
.o-pass{color:#116329;background:#dafbe1;border-color:#1a7f37}
.o-fail{color:#a40e26;background:#ffebe9;border-color:#cf222e;border-width:2px}
.o-error{color:#6c4400;background:#fff8c5;border-color:#bf8700;border-style:dashed}
.o-waived{color:#6639ba;background:#fbefff;border-color:#8250df;border-style:dotted}
.o-na{color:#57606a;background:#f6f8fa;border-color:#afb8c1}
ul{padding-left:1.4rem}li{margin:.15rem 0}input[type=checkbox]{margin-right:.4rem}
`;

const PRINT = `
@page{size:A4;margin:11mm 10mm 13mm;@bottom-right{content:"Page " counter(page) " of " counter(pages);font:8pt ${SANS};color:#444}}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{max-width:none;margin:0;padding:0;font-size:10pt}
.frame{display:table;width:100%;border-collapse:collapse}
.frame>thead{display:table-header-group}.frame>tbody{display:table-row-group}.frame>*>tr{display:table-row}
.frame>*>tr>td{display:table-cell;padding:0;border:0}
.runhead{display:flex;justify-content:space-between;gap:1rem;font-size:8pt;color:#333;border-bottom:1px solid #888;padding:0 0 1.2mm;margin:0 0 3mm}
.banner{background:#fff!important;color:#000;border:2px solid #000;border-left-width:12px}
.banner.v-ready{border-color:#1a7f37}.banner.v-notready{border-color:#a40e26}.banner.v-incomplete{border-color:#7d4e00}.banner.v-partial{border-color:#3d444d;border-style:dashed}
.banner blockquote{color:#000;border-left-color:#000;background:#f3f4f6}
.v-state{font-size:2rem}
main table{display:table;font-size:8pt;width:100%}main tr{break-inside:avoid}
h2,h3{break-after:avoid}figure{break-inside:avoid}
a{color:inherit}
}
`;

export const CSS = `${SCREEN}${PRINT}`.replace(/\n/g, '');
