from organisations.roles import roles_for


def roles(request):
    # Pages refused before authentication (413) have no user yet.
    return {"roles": roles_for(getattr(request, "user", None))}
