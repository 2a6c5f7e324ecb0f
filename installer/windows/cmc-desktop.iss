; Inno Setup 6 script: per-user installer of cmc-desktop, French wizard, no administrator rights.
; Built by installer\build_windows.ps1 (ISCC /DAppVersion=x.y.z installer\windows\cmc-desktop.iss) from the
; PyInstaller one-folder bundle in dist\cmc-desktop. Output: dist\cmc-desktop-<version>-setup.exe.
;
; Installs into %LOCALAPPDATA%\Programs\cmc-desktop. The CMC's encrypted data lives elsewhere
; (%LOCALAPPDATA%\cmc-desktop) and is never touched by installing, updating or uninstalling.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "cmc-desktop"
#define AppExe "cmc-desktop.exe"

[Setup]
; The AppId identifies the application across versions (updates replace it in place): never change it.
AppId={{FAC78F17-B4E1-4D5D-8CCB-46D4C5F80268}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=cmc-desktop
AppComments=Poste de travail chiffré du conseiller mobilité-carrière
VersionInfoVersion={#AppVersion}
VersionInfoDescription=Installation de cmc-desktop
; Per user, without administrator rights: {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
; PySide6 6.x needs Windows 10 or later, 64-bit.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; An update closes a running cmc-desktop first (the app saves and locks on close).
CloseApplications=yes
RestartApplications=no
SourceDir=..\..
OutputDir=dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=installer\icons\cmc-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ShowLanguageDialog=no

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update must not leave files of the previous bundle beside the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "dist\cmc-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Poste de travail du conseiller mobilité-carrière"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
    MsgBox('cmc-desktop a été désinstallé. Vos données chiffrées n''ont pas été supprimées : elles restent dans '
      + ExpandConstant('{localappdata}\cmc-desktop') + '. Pour les détruire, supprimez ce dossier.',
      mbInformation, MB_OK);
end;
