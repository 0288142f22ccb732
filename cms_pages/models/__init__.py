from .co_benefit_type import CoBenefitCategory, CoBenefitType
from .home_page import HomePage
from .project_index_page import ProjectIndexPage
from .project_page import ProjectPage, ProjectPageCoBenefit, ProjectPagePicture
from .purchase_reason import PurchaseReason

__all__ = [
    "CoBenefitCategory",
    "CoBenefitType",
    "HomePage",
    "ProjectIndexPage",
    "ProjectPage",
    "ProjectPageCoBenefit",
    "ProjectPagePicture",
    "PurchaseReason",
]
