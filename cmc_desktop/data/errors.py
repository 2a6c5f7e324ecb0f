"""Store errors. Messages are French, contain no personal data, and are shown to the CMC as is."""


class StoreError(Exception):
    """Opening or writing the store failed; nothing was modified."""


class WrongPassphrase(StoreError):
    def __init__(self) -> None:
        super().__init__("Phrase secrète incorrecte. Vérifiez la saisie (majuscules, accents) et réessayez.")


class PassphraseRequired(StoreError):
    def __init__(self) -> None:
        super().__init__("Saisissez votre phrase secrète pour ouvrir le dossier chiffré.")


class KeyFileMissing(StoreError):
    def __init__(self) -> None:
        super().__init__("Le fichier de clé (store.key) est introuvable à côté de la base. Sans lui la base "
                         "ne peut pas être ouverte : restaurez-le depuis votre sauvegarde. Rien n'a été "
                         "modifié.")


class DatabaseMissing(StoreError):
    def __init__(self) -> None:
        super().__init__("Le fichier de clé existe mais la base (store.db) est introuvable. Restaurez la base "
                         "depuis une sauvegarde ; aucune nouvelle base n'a été créée.")


class KeyFileInvalid(StoreError):
    def __init__(self, detail: str) -> None:
        super().__init__(f"Le fichier de clé est illisible ou n'est pas un fichier cmc-desktop ({detail}). "
                         "Rien n'a été modifié.")


class NotAStore(StoreError):
    def __init__(self, detail: str) -> None:
        super().__init__(f"Ce fichier n'est pas une base cmc-desktop valide : {detail} Rien n'a été modifié.")


class KeyMismatch(StoreError):
    def __init__(self) -> None:
        super().__init__("La clé ne déchiffre pas cette base : la base est endommagée, tronquée, ou ne "
                         "correspond pas à ce fichier de clé. Rien n'a été modifié ; restaurez une sauvegarde.")


class StoreCorrupted(StoreError):
    def __init__(self) -> None:
        super().__init__("La base est endommagée ou tronquée : sa structure est illisible. Rien n'a été modifié ; "
                         "restaurez une sauvegarde (Paramètres › Sauvegardes).")


class StoreTooNew(StoreError):
    def __init__(self, revision: str) -> None:
        super().__init__(f"Cette base a été enregistrée par une version plus récente de cmc-desktop "
                         f"(schéma {revision}). Mettez l'application à jour pour l'ouvrir.")


class StoreReadOnly(StoreError):
    def __init__(self, damaged: bool) -> None:
        if damaged:
            super().__init__("La base est ouverte en lecture seule (contrôle d'intégrité en échec) : aucune "
                             "modification n'est possible. Restaurez une sauvegarde.")
        else:
            super().__init__("Le dossier de données est en lecture seule : la modification n'a pas été "
                             "enregistrée. Vérifiez les droits d'écriture du dossier ; rien d'autre n'est perdu.")


class WeakPassphrase(StoreError):
    def __init__(self, minimum: int) -> None:
        super().__init__(f"La phrase secrète doit compter au moins {minimum} caractères.")


class PassphraseMismatch(StoreError):
    def __init__(self) -> None:
        super().__init__("Les deux saisies de la nouvelle phrase secrète diffèrent. Retapez-les.")


class SamePassphrase(StoreError):
    def __init__(self) -> None:
        super().__init__("La nouvelle phrase secrète est identique à l'actuelle : rien n'a été changé.")


class DiskWriteFailed(StoreError):
    def __init__(self, detail: str) -> None:
        super().__init__(f"L'écriture a échoué ({detail}). Vérifiez l'espace disque et les droits du dossier "
                         "de données ; la dernière modification n'a pas été enregistrée, rien d'autre n'est "
                         "perdu.")


class StoreBusy(StoreError):
    def __init__(self) -> None:
        super().__init__("Le dossier est occupé par une autre opération (une autre fenêtre ou une commande "
                         "cmc-desktop) : la modification n'a pas été enregistrée. Réessayez dans un instant.")


# Opening refused for a reason that is not damage: nothing destructive (a restore) is offered for these.

class DataDirNotADirectory(StoreError):
    def __init__(self) -> None:
        super().__init__("Le dossier de données indiqué est un fichier, pas un dossier. Rien n'a été créé ni "
                         "modifié ; indiquez un dossier.")


class DataDirReadOnly(StoreError):
    def __init__(self) -> None:
        super().__init__("Le dossier de données est en lecture seule (droits d'accès, ou disque protégé en "
                         "écriture) : le dossier chiffré ne peut pas être ouvert pour y travailler. Rien n'est "
                         "endommagé et rien n'a été modifié ; rétablissez le droit d'écriture sur ce dossier, puis "
                         "rouvrez.")


class DataDirUnreadable(StoreError):
    def __init__(self) -> None:
        super().__init__("La base ne peut pas être lue (droits d'accès au fichier ou au dossier de données). Rien "
                         "n'est endommagé et rien n'a été modifié ; vérifiez les droits de ce dossier, puis rouvrez.")


class DiskFull(StoreError):
    def __init__(self) -> None:
        super().__init__("Le disque du dossier de données est plein : le dossier chiffré ne peut pas être ouvert "
                         "(il lui faut un peu de place pour travailler). Rien n'est endommagé et rien n'a été "
                         "modifié ; libérez de la place sur ce disque, puis rouvrez.")


# The recovery code (see data/recovery_code.py).

class RecoveryCodeMalformed(StoreError):
    def __init__(self, detail: str) -> None:
        super().__init__(f"Ce code de récupération est mal saisi : {detail} Vérifiez chaque groupe de caractères.")


class WrongRecoveryCode(StoreError):
    def __init__(self) -> None:
        super().__init__("Ce code de récupération n'ouvre pas ce dossier : c'est un ancien code, révoqué depuis, "
                         "ou celui d'un autre dossier. Vérifiez la date imprimée sur le kit de récupération.")


class NoRecoveryCode(StoreError):
    def __init__(self) -> None:
        super().__init__("Aucun code de récupération n'a été créé pour ce dossier (ou il a été révoqué par un "
                         "changement de clé) : seule la phrase secrète peut l'ouvrir.")
