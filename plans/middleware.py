"""Chinese first: the interface is Chinese unless the visitor chose English with the switch."""


class ChineseFirstMiddleware:
    """Drop the browser's Accept-Language so only the language cookie (the switch) decides.

    Placed before Django's LocaleMiddleware; officials' machines often have English browsers
    while the documents and their readers are Chinese.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
