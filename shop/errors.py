"""What a visitor sees when the store fails: the branded error page, never a traceback, even with DEBUG on.

`make run` serves with DEBUG on (the development server, console e-mail). Django then answers an unexpected error
with its debug page: the traceback, settings and local variables of the failing request, to whoever asked. This
reporter renders templates/500.html instead; the traceback still goes to the console log (django.request).
Set SHOW_TRACEBACKS=on to get Django's debug page back while developing.
"""

from django.template import loader
from django.views.debug import ExceptionReporter


class BrandedExceptionReporter(ExceptionReporter):
    def get_traceback_html(self):
        return loader.get_template("500.html").render()

    def get_traceback_text(self):
        return "Something went wrong on our side. We have been told about it; please try again in a minute.\n"
