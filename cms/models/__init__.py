from .home import HomePage
from .information import InformationPage
from .site_settings import CommunitySettings
from .spaces import CommunitySpacePage
from .updates import UpdatePage

__all__ = [
    "CommunitySettings",
    "CommunitySpacePage",
    "HomePage",
    "InformationPage",
    "UpdatePage",
]
