import { describe, expect, it } from 'vitest';
import { findExecutableHtml } from '../../security/testing/executable';
import { buildFrame, cleanPostHtml, extractSkeleton, FRAME_CSP, POST_SLOT } from './frame';
import { sanitizeCss } from './sanitizeCss';

const PAGE = 'https://blog.example/2026/05/hello/';

const HOSTILE_PAGE = `<!doctype html><html lang="en-GB"><head>
<meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<base href="https://evil.example/">
<link rel="stylesheet" href="/wp-content/themes/t/style.css" media="screen">
<link rel="stylesheet" href="javascript:alert(1)">
<link rel="preload" href="/x.js" as="script">
<style>.site-title{color:red}</style>
<script>alert(1)</script>
</head><body class="single single-post" onload="alert(1)">
<header class="site-header"><a href="/" onclick="alert(1)" class="site-title">My blog</a>
<nav><a href="javascript:alert(1)">Bad</a><a href="jav&#x09;ascript:alert(2)">Bad2</a><a href="/about/">About</a></nav>
<form action="https://evil.example/"><input name="q"><button>Go</button></form></header>
<main><article class="post"><h1 class="entry-title">Old title</h1>
<div class="entry-content"><p>Old body</p><script>alert(2)</script></div></article>
<article class="post"><p>Another post</p></article></main>
<iframe src="https://evil.example/" srcdoc="<script>alert(3)</script>"></iframe>
<img src="/logo.png" onerror="alert(6)" srcset="/a.png 1x, javascript:alert(7) 2x" style="background:url(javascript:alert(8))">
<object data="/x.swf"></object><embed src="/x.swf"><math><mtext><img src=x onerror=alert(9)></mtext></math>
<template><script>alert(10)</script></template><noscript><img src=x onerror=alert(11)></noscript>
<custom-el onclick="alert(12)"><p>kept text</p></custom-el>
<footer class="site-footer">© Me</footer>
<svg><script>alert(4)</script><a xlink:href="javascript:alert(5)">x</a></svg></body></html>`;

describe('extractSkeleton + buildFrame on a hostile page', () => {
  const skeleton = extractSkeleton(HOSTILE_PAGE, PAGE);
  const frame = buildFrame(skeleton, '', { title: 'New <title>', html: '<p>New body</p>' });

  it('keeps the header, footer and article, and puts the post where the content was', () => {
    expect(skeleton.slot).toBe('.entry-content');
    expect(frame).toContain('<header class="site-header">');
    expect(frame).toContain('<footer class="site-footer">© Me</footer>');
    expect(frame).toContain('<div class="entry-content"><p>New body</p></div>');
    expect(frame).toContain('<h1 class="entry-title">New &lt;title&gt;</h1>');
    expect(frame).not.toContain('Old body');
    expect(frame).not.toContain('Another post');
    expect(frame).toContain('<body class="single single-post">');
    expect(frame).toContain('<html lang="en-GB">');
    expect(frame).toContain('kept text');
  });

  it('makes links and images absolute on the blog', () => {
    expect(frame).toContain('href="https://blog.example/about/"');
    expect(frame).toContain('src="https://blog.example/logo.png"');
    expect(frame).toContain('srcset="https://blog.example/a.png 1x"');
  });

  it('lists the stylesheets (absolute, http(s) only) without keeping link elements', () => {
    expect(skeleton.stylesheets).toEqual([
      { kind: 'link', href: 'https://blog.example/wp-content/themes/t/style.css', media: 'screen' },
      { kind: 'inline', css: '.site-title{color:red}' },
    ]);
  });

  it('leaves nothing that runs, loads a document, refreshes or submits', () => {
    // The frame's own <meta> CSP and its one data: stylesheet are Signet's, checked on their own.
    const withoutHead = frame.replace(/<head>[\s\S]*<\/head>/, '');
    expect(findExecutableHtml(withoutHead)).toEqual([]);
    for (const bad of [
      'javascript',
      'alert',
      'onerror',
      'onclick',
      'onload',
      'refresh',
      'evil.example',
      'style=',
    ])
      expect(frame.toLowerCase()).not.toContain(bad);
  });

  it('heads the frame with its own narrowing CSP and a single data: stylesheet', () => {
    const head = /<head>([\s\S]*)<\/head>/.exec(frame)![1]!;
    expect(head).toContain(`content="${FRAME_CSP.replace(/'/g, "'")}"`);
    expect(head.match(/<link /g)).toHaveLength(1);
    expect(head).toMatch(/<link rel="stylesheet" href="data:text\/css;base64,[A-Za-z0-9+/=]*">/);
    expect(FRAME_CSP).not.toMatch(/script|unsafe/);
  });
});

describe('where the post goes', () => {
  it('Ghost: .gh-content', () => {
    const s = extractSkeleton(
      '<body class="post-template"><main class="gh-main"><article class="gh-article"><h1 class="gh-article-title">T</h1><section class="gh-content gh-canvas"><p>x</p></section></article></main></body>',
      'http://127.0.0.1:2368/hello/',
    );
    expect(s.slot).toBe('.gh-content');
    expect(buildFrame(s, '', { title: 'Mine', html: '<p>y</p>' })).toContain(
      '<h1 class="gh-article-title">Mine</h1><section class="gh-content gh-canvas"><p>y</p></section>',
    );
  });

  it('falls back to <main>, then to <body>, adding the title when the page has none', () => {
    const main = extractSkeleton('<body><header>H</header><main><p>x</p></main></body>', PAGE);
    expect(main.slot).toBe('main');
    expect(buildFrame(main, '', { title: 'T', html: '<p>y</p>' })).toContain(
      '<main><h1>T</h1><p>y</p></main>',
    );
    const bare = extractSkeleton('<body><p>just text</p></body>', PAGE);
    expect(bare.slot).toBe('body');
    expect(bare.body).toBe(POST_SLOT);
  });

  it('survives a page nested 10,000 deep', () => {
    const deep = `<body>${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}</body>`;
    expect(() => extractSkeleton(deep, PAGE)).not.toThrow();
  });
});

describe('cleanPostHtml', () => {
  it('keeps the draft’s local images and relative asset URLs, drops the rest', () => {
    const html = cleanPostHtml(
      '<p><img src="signet-asset://d1/a.png"><img src="/__signet/assets/d1/b.png"><img src="javascript:alert(1)"><img src="data:image/svg+xml,<svg onload=alert(1)>"></p><script>x</script>',
    );
    expect(html).toBe(
      '<p><img src="signet-asset://d1/a.png"><img src="/__signet/assets/d1/b.png"><img><img></p>',
    );
  });
});

describe('sanitizeCss', () => {
  const base = 'https://blog.example/wp-content/themes/t/style.css';

  it('makes url() absolute and keeps ordinary rules', () => {
    const out = sanitizeCss('body{color:#333;background:url(img/bg.png) no-repeat}a:hover{color:red}', base);
    expect(out.css).toBe(
      'body{color:#333;background:url("https://blog.example/wp-content/themes/t/img/bg.png") no-repeat;}a:hover{color:red;}',
    );
  });

  it('drops expression(), javascript: URLs, bindings and behaviours, also behind escapes and comments', () => {
    const hostile = [
      'a{width:expression(alert(1))}',
      'b{background:url(javascript:alert(1))}',
      'c{background:url("java\\73 cript:alert(1)")}',
      'd{-moz-binding:url(http://evil.example/x.xml#x)}',
      'e{behavior:url(x.htc)}',
      'f{width:ex/**/pression(alert(1))}',
      'g{width:e\\78 pression(alert(1))}',
      'h{background:url(data:text/html,<script>alert(1)</script>)}',
      'i{color:blue}',
    ].join('\n');
    const out = sanitizeCss(hostile, base);
    expect(out.css).toBe('a{}b{}c{}d{}e{}f{}g{}h{}i{color:blue;}');
  });

  it('keeps same-site @import for fetching and drops other hosts’ and data: ones', () => {
    const out = sanitizeCss(
      '@import url("parts/a.css");@import "https://fonts.evil.example/x.css";@import url(data:text/css,a{});@charset "utf-8";p{margin:0}',
      base,
    );
    expect(out.imports).toEqual(['https://blog.example/wp-content/themes/t/parts/a.css']);
    expect(out.dropped).toEqual([
      'an @import of https://fonts.evil.example/x.css',
      'an @import of data:text/css,a{}',
    ]);
    expect(out.css).toBe('p{margin:0;}');
  });

  it('keeps @media blocks, drops @font-face and @import inside blocks', () => {
    const out = sanitizeCss(
      '@media (min-width: 600px){.a{padding:1em}}@font-face{font-family:X;src:url(x.woff2)}.b{@import url(x.css);color:red}',
      base,
    );
    expect(out.css).toBe('@media (min-width: 600px){.a{padding:1em;}}.b{color:red;}');
  });

  it('keeps strings with braces intact and never throws on broken CSS', () => {
    expect(sanitizeCss('a::before{content:"}{;"}', base).css).toBe('a::before{content:"}{;";}');
    for (const broken of ['a{', '}}}', '"unclosed', 'a{b:url(', '@media{{{', '/* open'])
      expect(() => sanitizeCss(broken, base)).not.toThrow();
  });
});
