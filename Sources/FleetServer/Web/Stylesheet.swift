/// The one stylesheet: phone first, right-to-left aware through logical properties.
enum Stylesheet {
    static let css = """
    :root{--ink:#1d2433;--muted:#5b6578;--line:#dde2ea;--accent:#0b6bcb;--bg:#f6f8fb;--bad:#b42318;--ok:#067647}
    *{box-sizing:border-box}
    body{margin:0;font-family:Vazirmatn,Tahoma,"Segoe UI",sans-serif;color:var(--ink);background:var(--bg);line-height:1.6;font-size:15px}
    a{color:var(--accent);text-decoration:none}
    header.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.6rem 1rem;background:#fff;border-bottom:1px solid var(--line)}
    .brand{font-weight:700;font-size:1.1rem;color:var(--ink)}
    header nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
    details.menu{flex:1 1 50%;min-width:0}
    details.menu>summary{display:none}
    details.menu::details-content{content-visibility:visible}
    a.new-call{padding:.3rem .8rem}
    @media (max-width:760px){
      details.menu{order:5;flex:1 0 100%}
      details.menu>summary{display:block;cursor:pointer;font-weight:600;padding:.25rem 0}
      details.menu:not([open])::details-content{content-visibility:hidden;height:0}
      details.menu nav{display:grid;grid-template-columns:1fr 1fr;gap:.25rem 1rem;padding:.25rem 0}
      .account .user{display:none}
    }
    .title-row{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem}
    .account{display:flex;gap:.75rem;align-items:center;margin-inline-start:auto}
    .user{color:var(--muted);margin-inline-end:.5rem}
    main{padding:1rem 1rem calc(4rem + env(safe-area-inset-bottom));max-width:1100px;margin:0 auto}
    h1{font-size:1.35rem;margin:.25rem 0 1rem}
    h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
    .card h2{margin-top:0}
    .card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:1rem;margin-bottom:1rem}
    .stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:.75rem}
    .stat{background:#fff;border:1px solid var(--line);border-radius:10px;padding:.75rem}
    .stat b{display:block;font-size:1.5rem}
    .stat span{color:var(--muted)}
    table{width:100%;border-collapse:collapse;background:#fff}
    th,td{padding:.5rem;border-bottom:1px solid var(--line);text-align:start;vertical-align:top}
    th{color:var(--muted);font-weight:600;font-size:.9rem}
    dl.facts{display:grid;grid-template-columns:minmax(110px,40%) 1fr;gap:.35rem .75rem;margin:0}
    dl.facts dt{color:var(--muted)}
    dl.facts dd{margin:0}
    .field{display:flex;flex-direction:column;margin-bottom:.75rem}
    .field label{font-weight:600;margin-bottom:.2rem}
    .req{color:var(--bad)}
    input,select,textarea{font:inherit;padding:.55rem .6rem;border:1px solid var(--line);border-radius:8px;background:#fff;width:100%}
    button,.button{font:inherit;background:var(--accent);color:#fff;border:0;border-radius:8px;padding:.55rem 1rem;cursor:pointer;display:inline-block}
    button.link{background:none;color:var(--accent);padding:0}
    form.inline{display:inline-flex;align-items:center}
    .filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:.5rem;align-items:end}
    .actions{display:flex;gap:.75rem;flex-wrap:wrap;align-items:center;margin:.5rem 0 1rem}
    .hint{color:var(--muted);font-size:.85rem}
    .error{background:#fef3f2;color:var(--bad);border:1px solid #fecdca;border-radius:8px;padding:.6rem .8rem}
    .badge{display:inline-block;border-radius:999px;padding:0 .6rem;font-size:.85rem;background:#eef4ff;color:var(--accent)}
    .badge.inRepair{background:#fffaeb;color:#b54708}
    .badge.retired{background:#f2f4f7;color:var(--muted)}
    ul.supplies{list-style:none;padding:0;margin:0}
    ul.supplies li{display:grid;grid-template-columns:1fr 6rem 3.5rem;gap:.5rem;align-items:center;padding:.2rem 0}
    ul.supplies li.low .level{color:#b3261e;font-weight:bold}
    ul.supplies meter{width:100%}
    ol.timeline{list-style:none;padding:0;margin:0;border-inline-start:3px solid var(--line)}
    ol.timeline li{padding:.25rem 1rem .75rem;position:relative}
    ol.timeline li::before{content:"";position:absolute;inset-inline-start:-8px;top:.65rem;width:13px;height:13px;border-radius:50%;background:var(--accent)}
    ol.timeline li.moved::before{background:#b54708}
    .when{color:var(--muted);font-size:.85rem;display:block}
    .changes{margin:.25rem 0 0;padding-inline-start:1.2rem;color:var(--muted);font-size:.9rem}
    .pager{display:flex;gap:1rem;justify-content:space-between;align-items:center;margin-top:.75rem}
    .grid2{display:grid;grid-template-columns:1fr;gap:1rem}
    body [dir=ltr]{direction:ltr;unicode-bidi:isolate}
    .signin{max-width:380px;margin:3rem auto}
    button.secondary{background:#fff;color:var(--accent);border:1px solid var(--accent)}
    .badge.draft{background:#f2f4f7;color:var(--muted)}
    .badge.expired,.badge.terminated{background:#fef3f2;color:var(--bad)}
    .scroll{overflow-x:auto}
    table.terms th{width:55%}
    td.overridden{font-weight:700;color:var(--accent)}
    .warn{border-color:#fedf89;background:#fffaeb}
    ul.warnings{color:#b54708}
    .checklist{max-height:18rem;overflow-y:auto;border:1px solid var(--line);border-radius:8px;padding:.5rem;background:#fff}
    .checklist label{display:block;padding:.15rem 0}
    .check label{font-weight:400}
    .checklist input,.check input,td input[type=checkbox]{width:auto}
    ol.visits{list-style:none;padding:0;margin:0}
    ol.visits li.second{font-weight:600}
    ol.visits li.done{color:var(--ok)}
    .months{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:.75rem;margin:1rem 0}
    table.month{font-size:.8rem;border:1px solid var(--line);border-radius:8px}
    table.month caption{font-weight:600;padding:.25rem}
    table.month th,table.month td{padding:.2rem;text-align:center;border:0}
    table.month td.off{color:var(--bad);background:#fef3f2}
    table.month td.pm{background:var(--accent);color:#fff;border-radius:50%;font-weight:700}
    table.month td.pm.second{background:#b54708}
    @media (min-width:760px){.grid2{grid-template-columns:1fr 1fr}}
    @media (max-width:640px){
      table.devices thead{display:none}
      table.devices tr{display:block;border-bottom:1px solid var(--line);padding:.5rem 0}
      table.devices td{display:block;border:0;padding:.1rem .5rem}
    }
    .report{background:#fff;border:1px solid var(--line);border-radius:10px;padding:1rem}
    .report-head{display:flex;justify-content:space-between;gap:1rem;border-bottom:2px solid var(--ink);padding-bottom:.5rem;margin-bottom:.75rem}
    .report-head h1{margin:0}
    .report table{font-size:.9rem}
    .report tfoot th{text-align:end}
    .findings{white-space:pre-wrap}
    .badge.warranty{background:#ecfdf3;color:var(--ok)}
    .badge.billable{background:#fffaeb;color:#b54708}
    .badge.priority-urgent{background:#fef3f2;color:var(--bad);font-weight:700}
    .signature{margin-top:2.5rem;border-top:1px dashed var(--muted);width:14rem;padding-top:.25rem;color:var(--muted)}
    .board{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:.75rem}
    .column{background:#eef1f6;border-radius:10px;padding:.5rem}
    .column h2{margin:.25rem .25rem .5rem;font-size:1rem}
    .ticket-card{display:flex;flex-direction:column;gap:.2rem;background:#fff;border:1px solid var(--line);border-radius:8px;padding:.6rem;margin-bottom:.5rem;color:var(--ink)}
    .ticket-card.late{border-color:var(--bad);border-inline-start:4px solid var(--bad)}
    .sla{font-weight:600}
    .sla.late,.ticket-card.late .sla{color:var(--bad)}
    .badge.contract{background:#eef4ff;color:var(--accent)}
    .badge.remoteTriage,.badge.awaitingDispatch{background:#fffaeb;color:#b54708}
    .badge.resolved,.badge.confirmed,.badge.closed{background:#ecfdf3;color:var(--ok)}
    button.big,.button.big{width:100%;padding:.9rem;font-size:1.1rem;text-align:center}
    .one-hand textarea{width:100%;font:inherit;padding:.5rem;border:1px solid var(--line);border-radius:8px}
    .part-row{display:grid;grid-template-columns:1fr 5rem;gap:.5rem;align-items:end;border-bottom:1px dashed var(--line);margin-bottom:.5rem}
    .stars{display:flex;gap:.5rem}
    .stars label{flex:1;text-align:center;border:1px solid var(--line);border-radius:8px;padding:.6rem 0;font-size:1.1rem}
    .stars input{width:auto}
    #signature-pad{width:100%;height:auto;border:1px dashed var(--muted);border-radius:8px;background:#fff;touch-action:none}
    .signature img{display:block;max-width:14rem;max-height:5rem}
    textarea{width:100%;font:inherit;padding:.5rem;border:1px solid var(--line);border-radius:8px}
    ul.checklist-done{list-style:none;padding:0;columns:2;font-size:.9rem}
    ul.checklist-done li.skipped{color:var(--bad)}
    @page{size:A4;margin:12mm}
    .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.5rem;margin:1rem 0}
    .figure{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.5rem .75rem}
    .figure .label{display:block;color:var(--muted);font-size:.8rem}
    .figure strong{font-size:1.15rem}
    .figure.alarm{border-color:#c0392b;background:#fdf0ee}
    svg.chart{width:100%;max-width:720px;height:auto;display:block;margin:.5rem 0 1rem;background:#fff}
    .scroll{overflow-x:auto}
    .actions a.current{font-weight:700;text-decoration:none}
    nav.tabs{display:flex;flex-wrap:wrap;gap:.25rem;margin:.5rem 0;border-bottom:1px solid #d0d7de}
    nav.tabs a{padding:.4rem .75rem;border-radius:.4rem .4rem 0 0;text-decoration:none}
    nav.tabs a.current{background:#fff;border:1px solid #d0d7de;border-bottom-color:#fff;margin-bottom:-1px;font-weight:700}
    .badge.pending{background:#fffaeb;color:#b54708}.badge.approved{background:#ecfdf3;color:var(--ok)}.badge.disputed{background:#fef3f2;color:var(--bad)}
    button.danger{background:var(--bad)}
    .bell{position:relative;display:inline-flex;align-items:center;color:var(--ink)}.bell .count{background:var(--bad);color:#fff;border-radius:999px;font-size:.75rem;padding:0 .4rem;margin-inline-start:.2rem}
    ul.notices{list-style:none;margin:0;padding:0}ul.notices li{padding:.6rem .2rem;border-bottom:1px solid var(--line)}
    ul.notices li.unread a{font-weight:700}
    ul.changes{margin:.25rem 0 0;padding-inline-start:1rem;font-size:.9rem}ul.changes code{font-size:.85rem}
    ul.changes .old{color:var(--muted);text-decoration:line-through}ul.changes .new{font-weight:600}
    .portal-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:1rem}
    .portal-grid .card ul{margin:0;padding-inline-start:1.1rem}
    .sla-late{color:var(--bad);font-weight:600}
    .badge.pm-onTime{background:#ecfdf3;color:var(--ok)}.badge.pm-late,.badge.pm-due{background:#fffaeb;color:#b54708}
    .badge.pm-missed{background:#fef3f2;color:var(--bad)}
    .rate-low{color:var(--bad);font-weight:700}
    ul.machines{list-style:none;margin:0;padding:0}ul.machines li{padding:.55rem .2rem;border-bottom:1px solid var(--line)}
    ul.machines li a{font-weight:600}.badge.worn{background:#fffaeb;color:#b54708}
    form.pm-device:has(input[name=outcome][value=skipped]:checked) .when-done{display:none}
    form.pm-device:has(input[name=outcome][value=done]:checked) .when-skipped{display:none}
    form.search{display:flex;gap:.5rem;margin:.5rem 0}form.search input{flex:1;min-width:0}
    .badge.rec-replace{background:#fef3f2;color:var(--bad)}
    .badge.rec-relocate{background:#eef4ff;color:var(--accent)}
    .badge.rec-watch{background:#fffaeb;color:#b54708}
    .badge.rec-keep{background:#ecfdf3;color:var(--ok)}
    @media print{.figures{grid-template-columns:repeat(4,1fr)}svg.chart{max-width:100%}h3{break-after:avoid}tr{break-inside:avoid}@page{size:A4;margin:12mm}}
    .parties{display:grid;grid-template-columns:1fr 1fr;gap:.75rem}
    .party{border:1px solid var(--ink);border-radius:4px;padding:.25rem .6rem}
    .party h2{font-size:1rem;margin:.2rem 0}
    .invoice-lines td.num,.invoice-lines th.num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}
    .invoice-lines{border:1px solid var(--ink)}
    .invoice-lines tr.grand th{font-size:1.05rem;border-top:2px solid var(--ink)}
    html[lang=fa] ol{list-style-type:persian}
    .signatures{display:flex;justify-content:space-between;gap:2rem}
    .notice{background:#fff6d6;border:1px solid #e0c25a;border-radius:6px;padding:.4rem .7rem}
    @media (max-width:640px){.parties{grid-template-columns:1fr}}
    @media print{.no-print{display:none}.parties{grid-template-columns:1fr 1fr}}
    .label-sheet{display:grid;grid-template-columns:repeat(auto-fill,minmax(70mm,1fr));gap:2mm}
    .device-label{display:flex;gap:2mm;align-items:center;height:37mm;padding:2mm 3mm;background:#fff;border:1px dashed var(--line);overflow:hidden;break-inside:avoid}
    .device-label svg.qr{width:27mm;height:27mm;flex:none}
    .label-text{display:flex;flex-direction:column;min-width:0;font-size:8pt;line-height:1.25}
    .label-text strong{font-size:11pt}
    .label-text span{overflow:hidden;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow-wrap:anywhere}
    .label-text .scan{font-weight:700}
    .label-text .company{color:var(--muted)}
    .fault-page{max-width:34rem;margin:0 auto}
    .fault-page textarea{min-height:5rem}
    .fault-page button[type=submit]{width:100%;padding:.8rem;font-size:1.05rem}
    @media print{.label-sheet{grid-template-columns:repeat(3,70mm);gap:0;justify-content:center}.device-label{border:0;width:70mm}@page{size:A4;margin:0}}
    @media print{header.top,.actions,.filters{display:none}body{background:#fff;font-size:12px}main{padding:0;max-width:none}.report{border:0;padding:0}}
    """
}
