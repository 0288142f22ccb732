import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.catalogue"

    def ready(self):
        super().ready()
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from registry.models import RegistryProject
        from shop.catalogue.cache import offers_changed

        # Whatever the cached catalogue shows: offers, stock, providers, blocks and registry projects.
        models = ("catalogue.Product", "partner.StockRecord", "partner.Partner", "registry.UnitBlock", RegistryProject)
        for model in models:
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(offers_changed, sender=model, dispatch_uid=f"shop_catalogue_cache_{model}_{name}")
        from shop.checkout.forms import country_choices_changed

        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(country_choices_changed, sender="address.Country", dispatch_uid=f"shop_countries_{name}")
        m2m_changed.connect(
            offers_changed, sender=RegistryProject.sectoral_scopes.through, dispatch_uid="shop_catalogue_cache_scopes"
        )
