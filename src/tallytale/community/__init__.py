"""The community-led workflow: priorities and dot-voting, research questions, members
checking draft findings, "you said, we did" actions and learning notes shared across a
programme (see docs/community.md)."""
