/// The search page's stylesheet, inline: the page loads nothing from elsewhere.
enum PageStyle {
    static let css = """
    :root { --ink: #1d2327; --muted: #5f6b73; --line: #dde3e8; --accent: #0b5cab; --mark: #ffe58a; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #f7f9fa; }
    header { background: #fff; border-bottom: 1px solid var(--line); padding: 14px 24px; }
    header form { display: flex; gap: 12px; align-items: center; max-width: 1100px; margin: 0 auto; }
    .brand { font-weight: 700; color: var(--accent); text-decoration: none; font-size: 20px; }
    input[type=search] { flex: 1; font: inherit; padding: 8px 12px; border: 1px solid #b8c2c9; border-radius: 6px; }
    button { font: inherit; padding: 8px 18px; border: 0; border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; }
    main { display: grid; grid-template-columns: 240px 1fr; gap: 28px; max-width: 1100px; margin: 0 auto; padding: 20px 24px 40px; }
    main.single { grid-template-columns: 1fr; }
    aside h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 18px 0 6px; }
    aside ul { list-style: none; margin: 0; padding: 0; }
    aside li { display: flex; justify-content: space-between; gap: 8px; font-size: 14px; padding: 2px 0; }
    aside li a { color: var(--ink); text-decoration: none; }
    aside li a:hover { color: var(--accent); text-decoration: underline; }
    .count { color: var(--muted); font-variant-numeric: tabular-nums; }
    .summary { color: var(--muted); font-size: 14px; margin: 0 0 12px; }
    .notice { background: #fff8e1; border: 1px solid #f2d98c; border-radius: 6px; padding: 8px 12px; margin: 0 0 14px; font-size: 15px; }
    .error { background: #fdecea; border-color: #f5b7b1; }
    .chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 12px; }
    .chip { font-size: 13px; background: #e8f0fb; color: var(--accent); border-radius: 12px; padding: 2px 10px; text-decoration: none; }
    .result { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 0 0 12px; }
    .result h3 { margin: 0 0 2px; font-size: 17px; }
    .result h3 a { color: var(--accent); text-decoration: none; }
    .result h3 a:hover { text-decoration: underline; }
    .meta { color: var(--muted); font-size: 13px; margin: 0 0 6px; }
    .passage { margin: 0; }
    mark { background: var(--mark); padding: 0 1px; border-radius: 2px; }
    .tag { display: inline-block; font-size: 12px; color: var(--muted); border: 1px solid var(--line); border-radius: 10px; padding: 0 8px; margin-right: 4px; }
    .tags { margin: 6px 0 0; }
    nav.pages { display: flex; gap: 16px; align-items: center; margin-top: 16px; font-size: 15px; }
    nav.pages a { color: var(--accent); }
    .help { color: var(--muted); font-size: 14px; }
    .help code { background: #eef1f3; padding: 0 4px; border-radius: 3px; }
    footer { max-width: 1100px; margin: 0 auto; padding: 0 24px 30px; color: var(--muted); font-size: 13px; }
    footer a { color: var(--muted); }
    body { overflow-wrap: anywhere; }
    svg { display: block; max-width: 100%; height: auto; }
    .reader { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 24px; }
    .reader h1 { font-size: 24px; line-height: 1.3; margin: 4px 0 6px; }
    .reader .passage { margin: 0 0 12px; padding: 4px 8px; border-left: 3px solid transparent; scroll-margin-top: 16px; }
    .reader .passage.match { border-left-color: var(--mark); }
    .reader .passage:target { background: #fff8e1; border-left-color: var(--accent); }
    .reader .passage.lead { font-weight: 600; }
    .reader .passage.caption { color: var(--muted); font-style: italic; }
    .back { margin: 0 0 8px; font-size: 14px; }
    .back a { color: var(--accent); }
    .timeline { width: 100%; max-width: 560px; margin: 0 0 12px; }
    .province-map { width: 100%; max-width: 240px; }
    .province-map a:hover .tile, .province-map a:focus .tile { stroke: var(--ink); stroke-width: 1.5; }
    .timeline a:hover .bar { fill: #084a8a; }
    .exports { font-size: 14px; color: var(--muted); margin: 0 0 12px; }
    .exports a { color: var(--accent); }
    /* A phone: the box and the button fit, the results come before the facets and the map. */
    @media (max-width: 760px) {
      header { padding: 10px 12px; }
      header form { gap: 8px; }
      input[type=search] { min-width: 0; }
      button { padding: 8px 12px; }
      main { display: flex; flex-direction: column; padding: 12px; gap: 16px; }
      main > aside { order: 2; }
      .reader { padding: 12px; }
    }
    """
}
