from rest_framework.metadata import SimpleMetadata


class PlainMetadata(SimpleMetadata):
    """OPTIONS answers what the view renders and parses; the schema documents the fields."""

    def determine_actions(self, request, view):
        return {}
