"""Maps for newsrooms: the framed map and its PNG, the snippet builder, oEmbed, share links."""


def init_app(app):
    """Register the embed and oEmbed blueprints and the ``share_links`` template global."""
    from web.embed import oembed, share, views

    share.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(oembed.bp)
