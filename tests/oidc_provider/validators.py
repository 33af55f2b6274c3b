from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """Claims as a municipality's provider sends them: e-mail and name besides `sub`."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "email": "email", "name": "profile"}

    def get_additional_claims(self, request):
        user = request.user
        return {"email": user.email, "name": user.get_full_name()}
