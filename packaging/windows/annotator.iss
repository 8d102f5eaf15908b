; Inno Setup 6 script for the Windows installer. packaging/build.py runs it after PyInstaller:
;   ISCC.exe /DAppVersion=0.1.0 /DSourceDir=dist\annotator /DRepoDir=. /Odist packaging\windows\annotator.iss
; It installs for the current user by default (no administrator rights; the setup offers "all users" too), adds
; a Start menu entry, and registers .annotator projects so a double-click opens them in Annotator.
; Not built or run on the Linux CI: see packaging/README.md for what to check on Windows.

#ifndef AppVersion
  #error Pass /DAppVersion=... (packaging/build.py does)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\annotator"
#endif
#ifndef RepoDir
  #define RepoDir "..\.."
#endif

[Setup]
; The AppId identifies Annotator to Windows across versions: never change it.
AppId={{6F1C2E4B-7A0D-4C59-9E43-2B8D5A61C7F0}
AppName=Annotator
AppVersion={#AppVersion}
AppVerName=Annotator {#AppVersion}
AppPublisher=Annotator
DefaultDirName={autopf}\Annotator
DefaultGroupName=Annotator
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
OutputBaseFilename=Annotator-{#AppVersion}-setup
SetupIconFile={#RepoDir}\build\pyinstaller\annotator.ico
UninstallDisplayIcon={app}\Annotator.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Code signing: define a sign tool named "signtool" (Inno Setup: Tools > Configure Sign Tools, or ISCC /S) and
; uncomment. Setup and uninstaller are then signed as they are built; sign the .exe files in dist\annotator first.
;SignTool=signtool

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Annotator"; Filename: "{app}\Annotator.exe"
Name: "{autodesktop}\Annotator"; Filename: "{app}\Annotator.exe"; Tasks: desktopicon

[Registry]
; The .annotator file type (per user or per machine, as installed: HKA), opened by Annotator.exe.
Root: HKA; Subkey: "Software\Classes\.annotator\OpenWithProgids"; ValueType: string; ValueName: "Annotator.Project"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Annotator.Project"; ValueType: string; ValueName: ""; ValueData: "Annotator project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Annotator.Project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\Annotator.exe,0"
Root: HKA; Subkey: "Software\Classes\Annotator.Project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Annotator.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\Annotator.exe\SupportedTypes"; ValueType: string; ValueName: ".annotator"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\Annotator.exe"; Description: "{cm:LaunchProgram,Annotator}"; Flags: nowait postinstall skipifsilent
