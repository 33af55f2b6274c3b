"""One way to page and sort a list, for every list page.

A list page calls `paginate(request, rows, sorts=..., default=...)` and includes
`includes/pagination.html` with `listing=...`; column headers use `{% sort_header %}`.
Sorting is only offered on keys the view names (each backed by an index), so a user cannot
make the database sort a whole table on a join. A page number past the end shows the last
page, anything that is not a number the first.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

PAGE_SIZE = 25


@dataclass
class Listing:
    page: Page
    sort: str = ""
    # The request's query without `page` (for page links) and without `sort` (for headers).
    query: str = ""
    query_without_sort: str = ""
    sort_keys: tuple[str, ...] = field(default_factory=tuple)
    page_param: str = "page"

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def rows(self):
        return self.page.object_list

    def __iter__(self):
        return iter(self.page)

    def __len__(self):
        return len(self.page)

    def page_url(self, number: int) -> str:
        prefix = f"{self.query}&" if self.query else ""
        return f"?{prefix}{self.page_param}={number}"

    @property
    def first_url(self) -> str:
        return self.page_url(1)

    @property
    def previous_url(self) -> str:
        return self.page_url(self.page.previous_page_number())

    @property
    def next_url(self) -> str:
        return self.page_url(self.page.next_page_number())

    @property
    def last_url(self) -> str:
        return self.page_url(self.page.paginator.num_pages)

    def sort_url(self, key: str) -> str:
        """Ascending first; the current ascending key links to descending."""
        target = f"-{key}" if self.sort == key else key
        prefix = f"{self.query_without_sort}&" if self.query_without_sort else ""
        return f"?{prefix}sort={target}"

    def sort_state(self, key: str) -> str:
        """The header's aria-sort value."""
        if self.sort == key:
            return "ascending"
        if self.sort == f"-{key}":
            return "descending"
        return "none"


def chosen_sort(request, sorts: dict[str, tuple[str, ...]], default: str) -> tuple[str, list[str]]:
    """The requested sort key (or the default) and the order_by fields it stands for; the
    last field of each should be unique (the primary key) so pages do not overlap."""
    requested = request.GET.get("sort", "")
    key = requested.lstrip("-")
    if key not in sorts:
        requested, key = default, default.lstrip("-")
    fields = list(sorts[key])
    if requested.startswith("-"):
        fields = [f[1:] if f.startswith("-") else f"-{f}" for f in fields]
    return requested, fields


def paginate(
    request,
    rows,
    *,
    sorts: dict[str, tuple[str, ...]] | None = None,
    default: str = "",
    per_page: int = PAGE_SIZE,
    page_param: str = "page",
) -> Listing:
    """Page `rows` (a queryset, or a list already built for the page) for this request."""
    sort = ""
    if sorts:
        sort, fields = chosen_sort(request, sorts, default)
        if hasattr(rows, "order_by"):
            rows = rows.order_by(*fields)
    page = Paginator(rows, per_page).get_page(request.GET.get(page_param))
    query = request.GET.copy()
    query.pop(page_param, None)
    without_sort = query.copy()
    without_sort.pop("sort", None)
    return Listing(
        page=page,
        sort=sort,
        query=query.urlencode(),
        query_without_sort=without_sort.urlencode(),
        sort_keys=tuple(sorts or ()),
        page_param=page_param,
    )
