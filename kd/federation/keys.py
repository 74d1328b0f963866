"""Each actor's RSA keypair, kept in the database and made the first time it is needed."""
from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from kd.db import session, transaction
from kd.federation import queries, signatures
from kd.federation.models import ActorKey


def key_for(username: str) -> ActorKey:
    """The actor's keypair, made (and committed on its own) the first time; the private half never leaves."""
    key = queries.key_of(username)
    if key is not None:
        return key
    public, private = signatures.new_keypair()
    try:
        with transaction():
            key = ActorKey(username=username, public_key_pem=public, private_key_pem=private)
            session.add(key)
    except IntegrityError:  # another request made it first
        key = queries.key_of(username)
    return key
