"""The fediverse (ActivityPub): the site, each tag, country, municipality and field are actors that remote
servers (Mastodon and others) follow; published stories are delivered to them as signed Create (Article)."""
