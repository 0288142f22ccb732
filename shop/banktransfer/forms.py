from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MarkPaidForm(forms.Form):
    paid_on = forms.DateField(
        label=_("Date the money arrived"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    reference = forms.CharField(label=_("Payment reference"), max_length=140)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    send_to_buyer = forms.BooleanField(label=_("Also email this note to the buyer"), required=False)
