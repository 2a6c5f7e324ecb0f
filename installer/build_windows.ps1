# Construit l'installateur Windows de cmc-desktop (à lancer dans PowerShell, à la racine ou ailleurs) :
#   powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1 [-SkipSmokeTest]
# Étapes : environnement .venv (Python 3.11+), `pip install -e .[package]` (PyInstaller), bundle un-dossier
# dist\cmc-desktop (cmc-desktop.exe fenêtré + cmc-desktop-cli.exe console), test de fumée, puis Inno Setup 6.3+
# (ISCC.exe) : dist\cmc-desktop-<version>-setup.exe, installation par utilisateur sans droits d'administrateur.
# Prérequis : Python 3.11 64 bits (python.org ou `winget install Python.Python.3.11`) et Inno Setup 6.3 ou
# plus récent (`winget install JRSoftware.InnoSetup`).
param([switch]$SkipSmokeTest)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..")
Set-Location $Root

function Invoke-Checked([string]$What, [scriptblock]$Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What a échoué (code $LASTEXITCODE)" }
}

$Py = Join-Path $Root ".venv\Scripts\python.exe"
if (-not (Test-Path $Py)) { Invoke-Checked "Création de .venv" { py -3.11 -m venv .venv } }
Invoke-Checked "pip" { & $Py -m pip install -q --upgrade pip }
Invoke-Checked "Installation du projet" { & $Py -m pip install -q -e ".[package]" }
$Version = (& $Py -c "import cmc_desktop; print(cmc_desktop.__version__)").Trim()

$Watch = [System.Diagnostics.Stopwatch]::StartNew()
Invoke-Checked "PyInstaller" {
    & $Py -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller `
        installer\cmc-desktop.spec
}
$Size = (Get-ChildItem dist\cmc-desktop -Recurse -File | Measure-Object Length -Sum).Sum / 1MB
Write-Host ("Bundle : dist\cmc-desktop ({0:N0} Mo, construit en {1:N0} s)" -f $Size, $Watch.Elapsed.TotalSeconds)

if (-not $SkipSmokeTest) { Invoke-Checked "Test de fumée" { & $Py installer\smoke_test.py } }

$Iscc = @(
    (Get-Command iscc.exe -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source),
    "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe",
    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    "$env:ProgramFiles\Inno Setup 6\ISCC.exe"
) | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
if (-not $Iscc) { throw "Inno Setup 6 (ISCC.exe) introuvable : winget install JRSoftware.InnoSetup" }
Invoke-Checked "Inno Setup" { & $Iscc /Q "/DAppVersion=$Version" installer\windows\cmc-desktop.iss }
Write-Host "Installateur : dist\cmc-desktop-$Version-setup.exe"
