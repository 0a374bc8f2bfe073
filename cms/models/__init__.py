from .home import HomePage
from .information import InformationPage
from .ops import Heartbeat
from .site_settings import CommunitySettings
from .spaces import CommunitySpacePage
from .updates import UpdatePage

__all__ = [
    "CommunitySettings",
    "Heartbeat",
    "CommunitySpacePage",
    "HomePage",
    "InformationPage",
    "UpdatePage",
]
