"""News and blog pages written for the tests: the article text of each is
known, and around it stands what real pages carry (cookie banners,
navigation, bylines, share bars, ads, related links, newsletter boxes,
comments, sidebars, footers) in the layouts sites use (semantic HTML5, a
WordPress theme, table layout, div soup). `body_f1` scores an extracted
body against the known text as article-extraction benchmarks do: F1 of
word 4-gram shingles.
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Story:
    title: str
    author: str
    published: str          # YYYY-MM-DD
    site: str
    url: str
    blocks: list[tuple[str, str]] = field(default_factory=list)   # (kind, text): p, h2, li, quote

    @property
    def body(self) -> str:
        """The article body a person would copy: every block, one per line."""
        return "\n".join(text for _kind, text in self.blocks)


HARBOUR = Story(
    title="Harbour wall plan approved after decade-long fight",
    author="Maria Lopez", published="2024-05-14", site="The Coastal Herald",
    url="https://coastalherald.example/news/2024/05/harbour-wall-plan-approved",
    blocks=[
        ("p", "The town council on Tuesday approved a plan to rebuild the old harbour wall, ending a dispute "
              "that has divided residents for almost a decade."),
        ("p", "Councillors voted 14 to 3 in favour of the scheme, which will cost about £12 million and is "
              "expected to take three years to complete."),
        ("p", "\"This is a good day for the town,\" said the council leader, Peter Hale. \"The harbour has "
              "been falling apart for years, and the fishing fleet has paid the price.\""),
        ("h2", "Seabird colony"),
        ("p", "Opponents had argued that the work would harm a colony of kittiwakes nesting on the "
              "breakwater. A spokeswoman for the county wildlife trust said the group would study the "
              "conditions attached to the approval before deciding whether to appeal."),
        ("p", "Under those conditions, the contractor must:"),
        ("li", "stop heavy work between April and August, when the birds breed;"),
        ("li", "build nesting ledges on the new wall before the old one is taken down;"),
        ("li", "pay for five years of monitoring by an independent ecologist."),
        ("p", "Work is due to begin in September, when the fishing season ends. The harbour will stay open "
              "to small boats throughout, the council said."),
    ])

TRAMS = Story(
    title="City trams to run through the night from June",
    author="Daniel Osei", published="2023-03-02", site="Metro Daily",
    url="https://metrodaily.example/transport/night-trams",
    blocks=[
        ("p", "Trams on the city's two busiest lines will run all night on Fridays and Saturdays from June, "
              "the transport authority announced on Thursday."),
        ("p", "The trial will last six months and cost about 2.4 million euros, most of it for extra drivers "
              "and security staff at the main interchanges."),
        ("quote", "Night workers, students and people going home after a concert have asked for this for "
                  "years, and we think the numbers now add up."),
        ("p", "Those were the words of the authority's chief executive, Ingrid Navarro, who said ridership "
              "after midnight had doubled since 2019."),
        ("p", "The drivers' union welcomed the extra jobs but warned that it would not accept compulsory "
              "night shifts. Talks on rotas are expected to start next week."),
        ("p", "Businesses in the old town were more cautious. The chairman of the local traders' association "
              "said noise complaints had risen last summer and that residents should be consulted before "
              "the trial becomes permanent."),
        ("p", "If the trial succeeds, night services could be extended to three more lines in 2025."),
    ])

ORCHARD = Story(
    title="What a wet spring means for this year's apple harvest",
    author="Helen Marsh", published="2022-06-20", site="Growers' Notebook",
    url="https://growersnotebook.example/2022/06/wet-spring-apples",
    blocks=[
        ("p", "After the wettest April and May in thirty years, many orchard owners are asking the same "
              "question: will there be any apples worth picking in September?"),
        ("p", "The short answer is yes, but the crop will be smaller and later than usual. Blossom was "
              "battered by rain in the week it opened, and bees stayed in their hives for days at a time."),
        ("h2", "Scab and canker"),
        ("p", "Damp weather also favours fungal disease. Apple scab spreads fastest when leaves stay wet "
              "for more than nine hours, and this spring that happened on 41 days out of 61."),
        ("p", "Growers who sprayed early say their trees look healthy. Those who relied on resistant "
              "varieties report mixed results, with some older trees showing spots for the first time."),
        ("h2", "What you can do now"),
        ("p", "Thin the fruit by hand in late June, leaving one apple per cluster, and rake up fallen leaves "
              "to reduce the spores that overwinter on the ground."),
        ("p", "Most of all, be patient. A late, small crop often keeps better than a heavy early one, and "
              "the flavour of apples that ripen slowly in a cool autumn is hard to beat."),
    ])

BRIEF = Story(
    title="Bridge closed after lorry strike",
    author="Staff reporter", published="2024-11-08", site="Valley Echo",
    url="https://valleyecho.example/news/bridge-closed",
    blocks=[
        ("p", "The old stone bridge over the river at Millford was closed on Friday morning after a lorry "
              "struck one of its parapets, police said."),
        ("p", "Engineers from the county council were inspecting the damage and the bridge is expected to "
              "stay shut until at least Monday. Drivers are being diverted through Ashby, adding about "
              "fifteen minutes to the journey."),
    ])

STORIES = (HARBOUR, TRAMS, ORCHARD, BRIEF)

COOKIE_BANNER = """<div class="cookie-consent-banner" id="cookie-banner"><p>We use cookies and similar
technologies to improve your experience, show you personalised advertising and measure how our site is
used. By clicking Accept all you agree to this. You can change your choices at any time in Privacy settings.</p>
<button>Accept all</button> <button>Reject all</button> <a href="/privacy">Manage preferences</a></div>"""

NAV = """<nav class="main-nav" aria-label="Main"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/culture">Culture</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/weather">Weather</a></li>
</ul></nav>"""

RELATED = """<aside class="related-stories"><h3>Related stories</h3><ul>
<li><a href="/r/1">Council tax to rise by 4% next year as budgets tighten</a></li>
<li><a href="/r/2">Fishermen say new quotas will push small boats out of business</a></li>
<li><a href="/r/3">Opinion: why our towns need more than a lick of paint</a></li></ul></aside>"""

MOST_READ = """<div class="most-read"><h3>Most read</h3><ol>
<li><a href="/m/1">Man rescued after three days stuck in a quarry</a></li>
<li><a href="/m/2">Supermarket chain to close 30 stores across the region</a></li>
<li><a href="/m/3">Photographs of the week: storms, festivals and a very large pumpkin</a></li>
<li><a href="/m/4">Teachers vote to strike over pay in the new year</a></li>
<li><a href="/m/5">Quiz: how well do you know the news this week?</a></li></ol></div>"""

NEWSLETTER = """<div class="newsletter-signup"><h4>Get the morning briefing</h4><p>The day's most important
stories, straight to your inbox every weekday at 7am.</p><form><input type="email" placeholder="Email address">
<button>Sign up</button></form><p class="small">By signing up you agree to our privacy policy.</p></div>"""

SHARE = """<div class="share-tools"><span>Share this article</span> <a href="#">Facebook</a>
<a href="#">Twitter</a> <a href="#">WhatsApp</a> <a href="#">Email</a> <a href="#">Copy link</a></div>"""

COMMENTS = """<section id="comments" class="comments-area"><h2>Comments (3)</h2>
<div class="comment"><p class="comment-author">harbourwatcher</p><p>About time too. The council has dragged its
feet on this for years while the wall crumbled in front of everyone.</p></div>
<div class="comment"><p class="comment-author">birdlover22</p><p>And what about the birds? Nobody seems to care
about anything except money these days, it is a disgrace.</p></div>
<div class="comment"><p class="comment-author">J. Smith</p><p>I grew up here and remember when the whole harbour
was full of boats every morning. Good luck to them.</p></div>
<h3>Leave a comment</h3><form><textarea></textarea><button>Post comment</button></form></section>"""

FOOTER = """<footer class="site-footer"><div><a href="/about">About us</a> | <a href="/contact">Contact</a> |
<a href="/advertise">Advertise with us</a> | <a href="/terms">Terms and conditions</a> |
<a href="/privacy">Privacy policy</a> | <a href="/cookies">Cookie settings</a></div>
<p>© 2024 Example Media Group Ltd. All rights reserved. Registered in England and Wales, company number 01234567.</p>
</footer>"""


def _block(kind: str, text: str) -> str:
    text = html.escape(text, quote=False)
    if kind == "h2":
        return f"<h2>{text}</h2>"
    if kind == "quote":
        return f"<blockquote><p>{text}</p></blockquote>"
    return f"<p>{text}</p>"


def _blocks(story: Story) -> str:
    """Blocks as HTML, list items gathered into one <ul>."""
    out, items = [], []
    for kind, text in story.blocks + [("end", "")]:
        if kind == "li":
            items.append(f"<li>{html.escape(text, quote=False)}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if kind != "end":
            out.append(_block(kind, text))
    return "\n".join(out)


def _head(story: Story, lang: str = "en", charset: str = "utf-8", json_ld: bool = True) -> str:
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": story.title,
                     "datePublished": f"{story.published}T08:15:00Z",
                     "author": [{"@type": "Person", "name": story.author}],
                     "publisher": {"@type": "Organization", "name": story.site}})
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}">
<title>{html.escape(story.title)} | {html.escape(story.site)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="{html.escape(story.site)}">
<meta property="og:title" content="{html.escape(story.title)}">
<link rel="canonical" href="{story.url}">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
{f'<script type="application/ld+json">{ld}</script>' if json_ld else ''}
<style>.main-nav li {{ display: inline; }} .ad-slot {{ min-height: 250px; }}</style></head>"""


def semantic_page(story: Story, lang: str = "en") -> str:
    """A current news site: header, <main><article>, inline ad and promo, aside, comments, footer."""
    blocks = _blocks(story).split("\n")
    middle = len(blocks) // 2
    body = "\n".join(blocks[:middle] + [
        '<div class="ad-slot" aria-hidden="true">Advertisement</div>',
        f'<p class="inline-promo"><strong>Read more:</strong> <a href="/x">{RELATED_HEADLINE}</a></p>',
    ] + blocks[middle:])
    return f"""{_head(story, lang)}<body>{COOKIE_BANNER}
<header class="masthead"><a class="logo" href="/">{html.escape(story.site)}</a>{NAV}
<form class="search"><input type="search" placeholder="Search"></form></header>
<main><article class="story">
<p class="breadcrumb"><a href="/">Home</a> › <a href="/news">News</a> › <a href="/news/local">Local</a></p>
<h1>{html.escape(story.title)}</h1>
<div class="byline">By <a rel="author" href="/authors/x">{html.escape(story.author)}</a>,
Senior Reporter · <time datetime="{story.published}T08:15:00Z">{story.published}</time></div>
{SHARE}
<figure><img src="/img/lead.jpg" alt=""><figcaption>The old wall seen from the beach last winter.
Photograph: Example Agency</figcaption></figure>
{body}
{SHARE}
</article>{RELATED}{NEWSLETTER}{COMMENTS}</main>{FOOTER}</body></html>"""


RELATED_HEADLINE = "Ten years of arguments: a timeline of the dispute"


def wordpress_page(story: Story) -> str:
    """A blog on a WordPress theme: entry-content, widgets, post navigation, comment list and form."""
    return f"""{_head(story, json_ld=False)}<body class="post-template-default single single-post">
<div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><p class="site-title"><a href="/">{html.escape(story.site)}</a></p>
<p class="site-description">Notes from the orchard, the allotment and the kitchen garden</p>{NAV}</header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-1342" class="post-1342 post type-post status-publish format-standard hentry category-fruit">
<header class="entry-header"><h1 class="entry-title">{html.escape(story.title)}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <a href="#"><time class="entry-date published"
datetime="{story.published}T10:02:11+00:00">{story.published}</time></a></span>
<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/h">{html.escape(story.author)}</a>
</span></span></div></header>
<div class="entry-content">
{_blocks(story)}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Twitter</a></li>
<li><a href="#">Facebook</a></li><li><a href="#">Pinterest</a></li></ul></div>
<div class="jp-relatedposts"><h3>Related</h3><p><a href="/p/1">Pruning plums in summer</a> — In "Fruit"</p>
<p><a href="/p/2">A year with no pesticides</a> — In "Orchard diary"</p></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/c/fruit">Fruit</a>,
<a href="/c/orchard">Orchard diary</a></span> <span class="tags-links">Tagged <a href="/t/apples">apples</a>,
<a href="/t/weather">weather</a></span></footer></article>
<nav class="navigation post-navigation"><h2 class="screen-reader-text">Post navigation</h2>
<div class="nav-previous"><a href="/p/0">← Planting a new hedge of hazel and hawthorn</a></div>
<div class="nav-next"><a href="/p/3">Jam, chutney and the great glut of 2022 →</a></div></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">4 thoughts on “{html.escape(story.title)}”</h2>
<ol class="comment-list"><li class="comment"><article class="comment-body"><footer class="comment-meta">
<b class="fn">Gardener Jim</b> <time>June 21, 2022 at 7:40 am</time></footer><div class="comment-content">
<p>Same here in the valley, our Bramleys lost nearly all their blossom in that week of rain.</p></div>
<div class="reply"><a href="#">Reply</a></div></article></li>
<li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">Ann</b></footer>
<div class="comment-content"><p>Thanks for the tip about raking the leaves, I never knew that helped.</p></div>
</article></li></ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form><p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
<textarea></textarea><input type="submit" value="Post Comment"></form></div></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">
Recent Posts</h2><ul><li><a href="/p/9">Why my pears are splitting</a></li><li><a href="/p/8">Grafting for
beginners</a></li><li><a href="/p/7">The best rootstock for a small garden</a></li></ul></section>
<section class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul><li><a href="#">June 2022</a></li>
<li><a href="#">May 2022</a></li><li><a href="#">April 2022</a></li></ul></section>
<section class="widget widget_categories"><h2 class="widget-title">Categories</h2><ul><li>Fruit</li>
<li>Orchard diary</li><li>Vegetables</li></ul></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by WordPress | Theme: Example
by Example Themes.</div></footer></div></body></html>"""


def table_page(story: Story, charset: str = "utf-8") -> str:
    """An old newspaper site: table layout, <font>, paragraphs split by <br><br>."""
    paragraphs = "<br><br>\n".join(html.escape(text, quote=False) for _kind, text in story.blocks)
    return f"""{_head(story, charset=charset, json_ld=False)}<body bgcolor="#ffffff">
<table width="100%" cellpadding="0" cellspacing="0"><tr><td colspan="2"><img src="/logo.gif" alt="{html.escape(story.site)}">
</td></tr><tr><td width="160" valign="top" class="leftnav"><a href="/">Front page</a><br><a href="/local">Local
news</a><br><a href="/world">World</a><br><a href="/business">Business</a><br><a href="/sport">Sport</a><br>
<a href="/letters">Letters</a><br><a href="/archive">Archive</a><br><a href="/subscribe">Subscribe</a></td>
<td valign="top"><font face="Georgia" size="5"><b>{html.escape(story.title)}</b></font><br>
<font size="2">By {html.escape(story.author)} | {story.published}</font><br><br>
<font face="Georgia" size="3">{paragraphs}</font><br><br>
<font size="1"><a href="/print">Print this story</a> | <a href="/email">Email this story to a friend</a>
</font></td></tr><tr><td colspan="2" align="center"><font size="1">Copyright 2023 {html.escape(story.site)}.
All rights reserved. No part of this site may be reproduced without permission.</font></td></tr></table>
</body></html>"""


def div_soup_page(story: Story) -> str:
    """A large site's markup: no semantic tags, class names only, a paywall box and 'most read'."""
    blocks = "\n".join(f'<div class="story-text__paragraph">{_block(kind, text)}</div>'
                       for kind, text in story.blocks)
    return f"""{_head(story)}<body><div class="app"><div class="consent-manager-overlay">
<div class="cookie-banner">{COOKIE_BANNER}</div></div>
<div class="top-bar"><div class="top-bar__links"><a href="/">Home</a> <a href="/news">News</a>
<a href="/video">Video</a> <a href="/podcasts">Podcasts</a> <a href="/login">Sign in</a>
<a href="/subscribe">Subscribe</a></div></div>
<div class="page-wrapper"><div class="column column--primary"><div class="story-header">
<div class="story-header__title">{html.escape(story.title)}</div>
<div class="story-header__meta">{html.escape(story.author)} · {story.published} · 4 min read</div></div>
<div class="story-body">{blocks}</div>
<div class="paywall-box"><p>You have read 3 of your 5 free articles this month.</p><p>Subscribe today for
unlimited access to award-winning journalism, from just £1 a week.</p><a href="/subscribe">Subscribe now</a></div>
<div class="story-tags"><a href="/tag/transport">Transport</a> <a href="/tag/city">City</a></div>
{SHARE}</div>
<div class="column column--secondary">{MOST_READ}
<div class="advert advert--mpu">Advertisement</div>{NEWSLETTER}</div></div>{FOOTER}</div></body></html>"""


def magazine_page(story: Story) -> str:
    """A feature page with distractions inside the article: pull quote,
    captions, an embedded post, a sign-up box, an author bio and topic tags."""
    blocks = _blocks(story).split("\n")
    middle = max(1, len(blocks) // 2)
    body = "\n".join(blocks[:1] + [
        '<figure class="inline-image"><img src="/i/2.jpg" alt="">'
        '<figcaption>Residents gathered outside the town hall before the vote. (Photo: Example Agency)'
        '</figcaption></figure>'] + blocks[1:middle] + [
        '<aside class="pullquote"><p>“A good day for the town”</p></aside>',
        '<blockquote class="twitter-tweet"><p lang="en">Big news for the harbour tonight, more soon '
        '#localnews</p>&mdash; Local Radio (@localradio) <a href="#">May 14, 2024</a></blockquote>',
        '<div class="inline-signup"><p><strong>Sign up to our daily newsletter</strong> for the top '
        'stories every morning.</p><a href="/signup">Sign up</a></div>'] + blocks[middle:])
    return f"""{_head(story)}<body>{COOKIE_BANNER}<header>{NAV}</header>
<div class="layout"><main id="content"><article>
<header class="article-header"><p class="kicker">Local news</p><h1>{html.escape(story.title)}</h1>
<p class="standfirst">The decision follows years of argument between the council, fishermen and
conservationists.</p><p class="meta">By {html.escape(story.author)} · Published {story.published} ·
Updated 2 hours ago</p></header>
<div class="article-body">{body}</div>
<footer class="article-footer"><div class="author-bio"><img src="/a.jpg" alt=""><p>{html.escape(story.author)}
is a senior reporter covering local government, transport and the environment. Contact her at
reporter@example.org.</p></div><ul class="topics"><li><a href="/t/1">Local government</a></li>
<li><a href="/t/2">Environment</a></li></ul></footer></article>
{RELATED}</main><aside class="sidebar">{MOST_READ}</aside></div>{FOOTER}</body></html>"""


def medium_page(story: Story) -> str:
    """A blog platform: generated class names, the body inside a paywall
    wrapper ("subscriber-content"), paragraphs as styled divs split by <br>,
    follow buttons, claps and responses."""
    paragraphs = "".join(
        f'<div class="pw-post-body-paragraph {"pw-heading" if kind == "h2" else "xt xu"}">'
        f'{html.escape(text, quote=False)}</div><br>' for kind, text in story.blocks)
    return f"""{_head(story, json_ld=False)}<body><div id="root"><div class="a b c">
<div class="metabar"><a href="/">{html.escape(story.site)}</a> <a href="/m/signin">Sign in</a>
<a href="/m/signup">Get started</a></div>
<div class="subscriber-content article-wrapper"><article><div class="l m n">
<h1 class="pw-post-title">{html.escape(story.title)}</h1>
<div class="pw-author"><a href="/@writer">{html.escape(story.author)}</a> <button>Follow</button>
<span>6 min read</span> · <span>{story.published}</span></div>
<section class="pw-body">{paragraphs}</section>
<div class="pw-multi-vote-count"><button>Clap</button> 1.2K</div></div></article></div>
<div class="responses"><h2>Responses (14)</h2><div class="response"><p>Great piece, this matches what we
saw on our farm last year as well.</p></div><div class="response"><p>Could you write more about rootstocks?</p>
</div></div>
<div class="more-from"><h2>More from {html.escape(story.author)}</h2><ul><li><a href="/1">Ten mistakes new
gardeners make</a></li><li><a href="/2">Why I stopped digging</a></li></ul></div></div></div></body></html>"""


LAYOUTS = {"medium": medium_page, "magazine": magazine_page, "semantic": semantic_page, "wordpress": wordpress_page, "table": table_page, "div-soup": div_soup_page}


def _shingles(text: str, n: int = 4) -> Counter:
    tokens = re.findall(r"\w+", text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))


def body_f1(expected: str, got: str) -> float:
    """F1 of word 4-gram shingles (the article-extraction benchmarks' measure)."""
    true, pred = _shingles(expected), _shingles(got)
    tp = sum((true & pred).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(pred.values()), tp / sum(true.values())
    return 2 * precision * recall / (precision + recall)
