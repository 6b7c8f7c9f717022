"""Named entities: recognising mentions, their base forms, and (later) resolving them across languages."""
