from .campaign_page import CampaignPage
from .co_benefit_type import CoBenefitCategory, CoBenefitType
from .contact_page import CONTACT_SUBJECTS, ContactFormField, ContactPage
from .emission_factor import EmissionFactor
from .faq_page import FaqPage
from .footprint_calculator_page import FootprintCalculatorPage
from .home_page import HomePage, HomePageFeaturedProject
from .project_index_page import ProjectIndexPage
from .project_page import ProjectPage, ProjectPageCoBenefit, ProjectPagePicture
from .purchase_reason import PurchaseReason
from .standard_page import StandardPage
from .statistics_page import StatisticsPage

__all__ = [
    "CONTACT_SUBJECTS",
    "CampaignPage",
    "ContactFormField",
    "ContactPage",
    "EmissionFactor",
    "FaqPage",
    "FootprintCalculatorPage",
    "HomePageFeaturedProject",
    "StandardPage",
    "StatisticsPage",
    "CoBenefitCategory",
    "CoBenefitType",
    "HomePage",
    "ProjectIndexPage",
    "ProjectPage",
    "ProjectPageCoBenefit",
    "ProjectPagePicture",
    "PurchaseReason",
]
