"""The shared life of moderated content, below every feature that publishes and knowing none of them.

states     ModerationState and the ModeratedMixin every moderated model carries
workflow   the state machine: named moves, who may make them, what they stamp and audit
claims     an editor's claim on an item while deciding it
revisions  proposed edits of published content (one pending per subject)
redirects  old addresses that point at a record's new slug
kinds      the one vocabulary of subject kinds ("profile", "story", "action")
changes    "something visitors see changed": the content_changed signal search, page cache, cards subscribe to
"""
