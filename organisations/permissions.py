from organisations.roles import roles_for


def can_manage_register(user) -> bool:
    """Administrators register and edit organisations; officials and representatives read."""
    return roles_for(user).is_administrator
