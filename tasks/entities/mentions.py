"""Finding mentions: the passes over one article, composed into one working class."""

from __future__ import annotations

from tasks.entities.article import ArticleBase
from tasks.entities.find_governments import GovernmentMentions
from tasks.entities.find_landmarks import LandmarkMentions
from tasks.entities.find_local_bodies import LocalBodyMentions
from tasks.entities.find_ministries import MinistryMentions
from tasks.entities.find_organizations import OrganizationMentions
from tasks.entities.find_persons import PersonMentions
from tasks.entities.find_places import PlaceMentions


class _Article(ArticleBase, LandmarkMentions, LocalBodyMentions, MinistryMentions, PersonMentions,
               OrganizationMentions, PlaceMentions, GovernmentMentions):
    """Working state for one article."""
