"""The three CMS roles as Wagtail groups, written against an app registry so the data migration can share it.

Page permissions are scoped by locale: editors on the English home page, translators on the French and
Spanish home pages. Snippet editing follows the same scope (see wagtail_hooks.before_edit_snippet).

Platform staff (shop/access.py) is the permission partner.act_as_platform_staff: administrators hold it (they hold
every permission), editors and translators never do. Wagtail needs no `is_staff`: its admin asks for
wagtailadmin.access_admin only.
"""

EDITORS = "Communications editors"
TRANSLATORS = "Translators"
ADMINISTRATORS = "Platform administrators"

SNIPPET_MODELS = ["cobenefittype", "purchasereason", "emissionfactor"]
MEDIA_PERMISSIONS = {
    EDITORS: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    TRANSLATORS: ["choose_image", "choose_document"],
}
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    TRANSLATORS: ["change_page", "publish_page"],
    ADMINISTRATORS: [
        "add_page",
        "change_page",
        "delete_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}
# Which language trees each role may edit; None means the whole tree from the root.
PAGE_LANGUAGES = {EDITORS: ["en"], TRANSLATORS: ["fr", "es"], ADMINISTRATORS: None}


def _snippet_permissions(Permission, actions):
    return Permission.objects.filter(
        content_type__app_label="cms_pages",
        codename__in=[f"{action}_{model}" for action in actions for model in SNIPPET_MODELS],
    )


def roles_groups_sync(apps) -> None:
    """Create the groups and their model, collection and page permissions (idempotent)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    submit_translation = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    model_permissions = {
        EDITORS: [
            *access_admin,
            *submit_translation,
            *_snippet_permissions(Permission, ["add", "change", "delete", "view"]),
            *Permission.objects.filter(content_type__app_label="wagtailforms"),
        ],
        TRANSLATORS: [*access_admin, *submit_translation, *_snippet_permissions(Permission, ["change", "view"])],
        ADMINISTRATORS: list(Permission.objects.all()),
    }
    root_collection = Collection.objects.filter(depth=1).first()
    for name, permissions in model_permissions.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
        if root_collection is None:
            continue
        codenames = MEDIA_PERMISSIONS.get(name)
        media = Permission.objects.filter(content_type__app_label__in=["wagtailimages", "wagtaildocs"])
        if codenames is not None:
            media = media.filter(codename__in=codenames)
        for permission in media:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    roles_page_permissions_sync(apps)


def roles_groups_sync_with_new_permissions(apps) -> None:
    """roles_groups_sync from a migration that adds permissions: on a fresh database permissions only appear after
    all migrations (post_migrate), so create them first."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles_groups_sync(apps)


def roles_page_permissions_sync(apps) -> None:
    """Grant each role its page permissions on the home page of its languages (once those pages exist)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    for name, languages in PAGE_LANGUAGES.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        if languages is None:
            pages = Page.objects.filter(depth=1)
        else:
            pages = Page.objects.filter(depth=2, locale__language_code__in=languages)
        permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS[name]
        )
        for page in pages:
            for permission in permissions:
                GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
