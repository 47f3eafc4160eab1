"""Writes corpus/reference/hardware_classes.csv (run from the repo root:
python3 corpus/reference/tools/build_hardware_classes.py > corpus/reference/hardware_classes.csv).

Class names papers write instead of a chip (architectures, the Tesla brand, TPU generations in
words, Colab/Kaggle notebooks, Apple computers, cloud instance types), each with the device that
stands for it, the other devices it may be, and where the facts come from (vendor documentation,
restated in our own words). See corpus/reference/README.md.
"""
import csv, sys
rows = []
def R(id, cls, aliases, dev, per, alts, noun, reason, source):
    rows.append(dict(id=id, **{"class": cls}, aliases="|".join(aliases), device_id=dev,
        devices_per_unit=per, alternatives="|".join(alts), needs_noun="true" if noun else "false",
        reason=reason, source=source))
NV="vendor facts: NVIDIA architecture whitepapers and product pages (which chips use the architecture)"
R("nvidia-kepler","architecture",["Kepler"],"nvidia-tesla-k80","",
  ["nvidia-tesla-k20","nvidia-tesla-k20x","nvidia-tesla-k40","nvidia-titan","nvidia-titan-black","nvidia-titan-z","nvidia-gtx-680","nvidia-gtx-770","nvidia-gtx-780","nvidia-gtx-780-ti","nvidia-quadro-k4000","nvidia-quadro-k6000"],True,
  "the Kepler data-centre board most used for training (and in cloud instances of 2014-2018)", NV+": GK104/GK110/GK210 parts")
R("nvidia-maxwell","architecture",["Maxwell"],"nvidia-titan-x","",
  ["nvidia-tesla-m40","nvidia-tesla-m60","nvidia-gtx-750","nvidia-gtx-750-ti","nvidia-gtx-960","nvidia-gtx-970","nvidia-gtx-980","nvidia-gtx-980-ti","nvidia-quadro-m4000","nvidia-quadro-m6000","nvidia-quadro-k1200"],True,
  "the Maxwell flagship used for deep learning in 2015-2016 (the Tesla M40 has the same 250 W)", NV+": GM107/GM204/GM200 parts")
R("nvidia-pascal","architecture",["Pascal"],"nvidia-tesla-p100","",
  ["nvidia-tesla-p4","nvidia-tesla-p40","nvidia-titan-x-pascal","nvidia-titan-xp","nvidia-gtx-1050-ti","nvidia-gtx-1060","nvidia-gtx-1070","nvidia-gtx-1070-ti","nvidia-gtx-1080","nvidia-gtx-1080-ti","nvidia-quadro-gp100","nvidia-quadro-p600","nvidia-quadro-p2000","nvidia-quadro-p4000","nvidia-quadro-p5000","nvidia-quadro-p6000"],True,
  "the Pascal data-centre training GPU (GP100)", NV+": GP100/GP102/GP104/GP106/GP107 parts")
R("nvidia-volta","architecture",["Volta"],"nvidia-v100","",
  ["nvidia-v100s","nvidia-titan-v","nvidia-quadro-gv100"],True,
  "the Volta data-centre GPU; the other Volta cards use the same GV100 die", NV+": GV100 parts (Tesla V100/V100S, TITAN V, Quadro GV100)")
R("nvidia-turing","architecture",["Turing"],"nvidia-rtx-2080-ti","",
  ["nvidia-t4","nvidia-titan-rtx","nvidia-rtx-2060","nvidia-rtx-2060-super","nvidia-rtx-2070","nvidia-rtx-2070-super","nvidia-rtx-2080","nvidia-rtx-2080-super","nvidia-gtx-1650","nvidia-gtx-1660","nvidia-gtx-1660-super","nvidia-gtx-1660-ti","nvidia-quadro-rtx-4000","nvidia-quadro-rtx-5000","nvidia-quadro-rtx-6000","nvidia-quadro-rtx-8000"],True,
  "the Turing card most named for training in academic papers (the T4, 70 W, is the data-centre alternative)", NV+": TU102/TU104/TU106/TU116/TU117 parts")
R("nvidia-ampere","architecture",["Ampere"],"nvidia-a100","",
  ["nvidia-a10","nvidia-a10g","nvidia-a30","nvidia-a40","nvidia-a800","nvidia-rtx-3060","nvidia-rtx-3060-ti","nvidia-rtx-3070","nvidia-rtx-3070-ti","nvidia-rtx-3080","nvidia-rtx-3080-ti","nvidia-rtx-3090","nvidia-rtx-3090-ti","nvidia-rtx-a2000","nvidia-rtx-a4000","nvidia-rtx-a4500","nvidia-rtx-a5000","nvidia-rtx-a6000"],True,
  "the Ampere data-centre training GPU (GA100)", NV+": GA100/GA102/GA104/GA106 parts")
R("nvidia-ada","architecture",["Ada Lovelace","Lovelace","Ada"],"nvidia-rtx-4090","",
  ["nvidia-l4","nvidia-l40","nvidia-l40s","nvidia-l20","nvidia-l2","nvidia-rtx-4060","nvidia-rtx-4060-ti","nvidia-rtx-4070","nvidia-rtx-4070-super","nvidia-rtx-4070-ti","nvidia-rtx-4070-ti-super","nvidia-rtx-4080","nvidia-rtx-4080-super","nvidia-rtx-4000-ada","nvidia-rtx-5000-ada","nvidia-rtx-6000-ada"],True,
  "the Ada card most named for training in academic papers (the L40S is the data-centre alternative)", NV+": AD102/AD103/AD104/AD106/AD107 parts")
R("nvidia-hopper","architecture",["Hopper"],"nvidia-h100","",
  ["nvidia-h200","nvidia-h800","nvidia-h20","nvidia-gh200"],True,
  "the Hopper data-centre GPU (GH100)", NV+": GH100 parts")
R("nvidia-blackwell","architecture",["Blackwell"],"nvidia-b200","",
  ["nvidia-b100","nvidia-b300","nvidia-gb200","nvidia-gb300","nvidia-rtx-5070","nvidia-rtx-5070-ti","nvidia-rtx-5080","nvidia-rtx-5090"],True,
  "the Blackwell data-centre GPU", NV+": GB100/GB102/GB202/GB203/GB205 parts")
R("nvidia-tesla","brand",["Tesla"],"nvidia-tesla-p100","",
  ["nvidia-tesla-c2050","nvidia-tesla-k20","nvidia-tesla-k20x","nvidia-tesla-k40","nvidia-tesla-k80","nvidia-tesla-m40","nvidia-tesla-m60","nvidia-tesla-p4","nvidia-tesla-p40","nvidia-v100","nvidia-t4"],True,
  "'Tesla' was NVIDIA's data-centre brand from Fermi to Turing (2008-2020); by a paper's year the likely board is K40/K80 up to 2015, P100 in 2016-2017, V100 from 2018, but the year is not known when the text is read, so the P100 (middle of the line, 250 W like K40 and V100 PCIe) stands for it",
  "vendor facts: NVIDIA Tesla product line (C2050 2011 to T4 2018; the brand was retired in 2020)")
G="vendor facts: Google Cloud TPU documentation (system architecture: TPU versions and their generation)"
for n,(words,num) in enumerate([("first","1st"),("second","2nd"),("third","3rd"),("fourth","4th"),("fifth","5th"),("sixth","6th"),("seventh","7th")],start=1):
    dev={1:"google-tpu-v1",2:"google-tpu-v2",3:"google-tpu-v3",4:"google-tpu-v4",5:"google-tpu-v5e",6:"google-tpu-v6e",7:"google-tpu-v7"}[n]
    alts=["google-tpu-v5p"] if n==5 else (["google-tpu-v4i"] if n==4 else [])
    reason={5:"Google calls both v5e and v5p fifth-generation; v5e, the generally available one, stands for it",
            4:"TPU v4 is Google's fourth generation (v4i is its inference variant)",
            6:"Trillium (TPU v6e) is Google's sixth generation",
            7:"Ironwood (TPU v7) is Google's seventh generation"}.get(n, f"TPU v{n} is Google's {words} generation")
    R(f"google-tpu-gen{n}","tpu-generation",[f"{words} generation TPU",f"{num} generation TPU",f"{words} gen TPU",f"{num} gen TPU",f"{words} generation Cloud TPU",f"{num} generation Cloud TPU"],dev,"",alts,False,reason,G)
R("google-colab-gpu","cloud-notebook",["Google Colab GPU","Google Colaboratory GPU","Colab GPU","Colaboratory GPU","Colab Pro GPU","Colab Pro+ GPU"],"nvidia-t4","",
  ["nvidia-tesla-k80","nvidia-tesla-p100","nvidia-tesla-p4","nvidia-v100","nvidia-a100","nvidia-l4"],False,
  "Colab assigns the GPU at run time: the free tier gives a T4 (a K80 before about 2020); paid tiers add P100, V100, A100 and L4",
  "vendor facts: Google Colaboratory FAQ and Colab Pro plans (GPU types available)")
R("google-colab-tpu","cloud-notebook",["Google Colab TPU","Google Colaboratory TPU","Colab TPU","Colaboratory TPU"],"google-tpu-v2","",
  ["google-tpu-v5e"],False,
  "the Colab TPU runtime was a TPU v2-8 (v5e-1 more recently); a count of 8 cores is 4 chips",
  "vendor facts: Google Colaboratory TPU runtime (v2-8; v5e-1 since 2024)")
R("kaggle-gpu","cloud-notebook",["Kaggle GPU","Kaggle kernel GPU","Kaggle notebook GPU"],"nvidia-tesla-p100","",
  ["nvidia-t4"],False,
  "Kaggle notebooks offer one P100 or two T4s",
  "vendor facts: Kaggle notebooks documentation (GPU accelerators P100 and T4 x2)")
A="vendor facts: Apple tech specs of the model (chip by year: Intel until 2020, Apple silicon M1 from late 2020)"
ML="apple-m1 is the only Apple chip with a power figure in the catalog (codecarbon, 10 W); the Pro/Max chips draw more and have no sourced TDP, and Intel Macs (before 2021) are not in the catalog, so the figure is a low estimate"
R("apple-imac","computer",["iMac"],"apple-m1","",["apple-m3"],False,"iMacs have M1 (2021) or M3 (2023) chips; "+ML,A)
R("apple-mac-mini","computer",["Mac mini"],"apple-m1","",["apple-m2"],False,"Mac minis have M1 (2020) or M2 (2023) chips; "+ML,A)
R("apple-macbook","computer",["MacBook"],"apple-m1","",["apple-m1-pro","apple-m1-max","apple-m2","apple-m2-max","apple-m3"],False,"a MacBook of the model's line; "+ML,A)
R("apple-macbook-air","computer",["MacBook Air"],"apple-m1","",["apple-m2","apple-m3"],False,"MacBook Airs have M1 (2020), M2 (2022) or M3 (2024) chips; "+ML,A)
R("apple-macbook-pro","computer",["MacBook Pro"],"apple-m1","",["apple-m1-pro","apple-m1-max","apple-m2","apple-m2-max","apple-m3"],False,"MacBook Pros have M1 (13-inch, 2020), M1 Pro/Max (2021), M2 Pro/Max (2023) or M3-family chips; "+ML,A)
AW="vendor facts: AWS EC2 accelerated computing instance types"
def I(id, aliases, dev, n, what, src, note=""):
    R(id,"cloud-instance",aliases,dev,str(n),[],False,f"{what}: {n} per instance"+(f"; {note}" if note else ""),src)
K80N="AWS/Azure count one GK210 GPU (half a K80 board) as one GPU, while the K80 TDP is per board"
I("aws-g3-1",["g3s.xlarge","g3.4xlarge"],"nvidia-tesla-m60",1,"AWS G3 instance, NVIDIA Tesla M60 GPUs",AW+" (G3: Tesla M60)","one GPU is half an M60 board, whose TDP is per board")
I("aws-g3-2",["g3.8xlarge"],"nvidia-tesla-m60",2,"AWS G3 instance, NVIDIA Tesla M60 GPUs",AW+" (G3: Tesla M60)","one GPU is half an M60 board, whose TDP is per board")
I("aws-g3-4",["g3.16xlarge"],"nvidia-tesla-m60",4,"AWS G3 instance, NVIDIA Tesla M60 GPUs",AW+" (G3: Tesla M60)","one GPU is half an M60 board, whose TDP is per board")
I("aws-g4dn-1",["g4dn.xlarge","g4dn.2xlarge","g4dn.4xlarge","g4dn.8xlarge","g4dn.16xlarge"],"nvidia-t4",1,"AWS G4dn instance, NVIDIA T4 GPUs",AW+" (G4dn: T4)")
I("aws-g4dn-4",["g4dn.12xlarge"],"nvidia-t4",4,"AWS G4dn instance, NVIDIA T4 GPUs",AW+" (G4dn: T4)")
I("aws-g4dn-8",["g4dn.metal"],"nvidia-t4",8,"AWS G4dn instance, NVIDIA T4 GPUs",AW+" (G4dn: T4)")
I("aws-g5-1",["g5.xlarge","g5.2xlarge","g5.4xlarge","g5.8xlarge","g5.16xlarge"],"nvidia-a10g",1,"AWS G5 instance, NVIDIA A10G GPUs",AW+" (G5: A10G)")
I("aws-g5-4",["g5.12xlarge","g5.24xlarge"],"nvidia-a10g",4,"AWS G5 instance, NVIDIA A10G GPUs",AW+" (G5: A10G)")
I("aws-g5-8",["g5.48xlarge"],"nvidia-a10g",8,"AWS G5 instance, NVIDIA A10G GPUs",AW+" (G5: A10G)")
I("aws-g6-1",["g6.xlarge","g6.2xlarge","g6.4xlarge","g6.8xlarge","g6.16xlarge"],"nvidia-l4",1,"AWS G6 instance, NVIDIA L4 GPUs",AW+" (G6: L4)")
I("aws-g6-4",["g6.12xlarge","g6.24xlarge"],"nvidia-l4",4,"AWS G6 instance, NVIDIA L4 GPUs",AW+" (G6: L4)")
I("aws-g6-8",["g6.48xlarge"],"nvidia-l4",8,"AWS G6 instance, NVIDIA L4 GPUs",AW+" (G6: L4)")
I("aws-p2-1",["p2.xlarge"],"nvidia-tesla-k80",1,"AWS P2 instance, NVIDIA K80 GPUs",AW+" (P2: K80)",K80N)
I("aws-p2-8",["p2.8xlarge"],"nvidia-tesla-k80",8,"AWS P2 instance, NVIDIA K80 GPUs",AW+" (P2: K80)",K80N)
I("aws-p2-16",["p2.16xlarge"],"nvidia-tesla-k80",16,"AWS P2 instance, NVIDIA K80 GPUs",AW+" (P2: K80)",K80N)
I("aws-p3-1",["p3.2xlarge"],"nvidia-v100",1,"AWS P3 instance, NVIDIA V100 GPUs",AW+" (P3: V100 16 GB)")
I("aws-p3-4",["p3.8xlarge"],"nvidia-v100",4,"AWS P3 instance, NVIDIA V100 GPUs",AW+" (P3: V100 16 GB)")
I("aws-p3-8",["p3.16xlarge","p3dn.24xlarge"],"nvidia-v100",8,"AWS P3 instance, NVIDIA V100 GPUs",AW+" (P3: V100 16 GB; P3dn: V100 32 GB)")
I("aws-p4d-8",["p4d.24xlarge","p4de.24xlarge"],"nvidia-a100",8,"AWS P4d instance, NVIDIA A100 GPUs",AW+" (P4d: A100 40 GB; P4de: A100 80 GB)")
I("aws-p5-8",["p5.48xlarge"],"nvidia-h100",8,"AWS P5 instance, NVIDIA H100 GPUs",AW+" (P5: H100)")
GC="vendor facts: Google Compute Engine GPU machine types"
I("gcp-a2-1",["a2-highgpu-1g","a2-ultragpu-1g"],"nvidia-a100",1,"Compute Engine A2 machine, NVIDIA A100 GPUs",GC+" (A2: A100 40 GB; ultragpu: 80 GB)")
I("gcp-a2-2",["a2-highgpu-2g","a2-ultragpu-2g"],"nvidia-a100",2,"Compute Engine A2 machine, NVIDIA A100 GPUs",GC+" (A2: A100 40 GB; ultragpu: 80 GB)")
I("gcp-a2-4",["a2-highgpu-4g","a2-ultragpu-4g"],"nvidia-a100",4,"Compute Engine A2 machine, NVIDIA A100 GPUs",GC+" (A2: A100 40 GB; ultragpu: 80 GB)")
I("gcp-a2-8",["a2-highgpu-8g","a2-ultragpu-8g"],"nvidia-a100",8,"Compute Engine A2 machine, NVIDIA A100 GPUs",GC+" (A2: A100 40 GB; ultragpu: 80 GB)")
I("gcp-a2-16",["a2-megagpu-16g"],"nvidia-a100",16,"Compute Engine A2 machine, NVIDIA A100 GPUs",GC+" (A2: A100 40 GB)")
I("gcp-a3-8",["a3-highgpu-8g","a3-megagpu-8g"],"nvidia-h100",8,"Compute Engine A3 machine, NVIDIA H100 GPUs",GC+" (A3: H100 80 GB)")
I("gcp-g2-1",["g2-standard-4","g2-standard-8","g2-standard-12","g2-standard-16","g2-standard-32"],"nvidia-l4",1,"Compute Engine G2 machine, NVIDIA L4 GPUs",GC+" (G2: L4)")
I("gcp-g2-2",["g2-standard-24"],"nvidia-l4",2,"Compute Engine G2 machine, NVIDIA L4 GPUs",GC+" (G2: L4)")
I("gcp-g2-4",["g2-standard-48"],"nvidia-l4",4,"Compute Engine G2 machine, NVIDIA L4 GPUs",GC+" (G2: L4)")
I("gcp-g2-8",["g2-standard-96"],"nvidia-l4",8,"Compute Engine G2 machine, NVIDIA L4 GPUs",GC+" (G2: L4)")
AZ="vendor facts: Microsoft Azure GPU virtual machine sizes"
I("azure-nc-1",["NC6"],"nvidia-tesla-k80",1,"Azure NC size, NVIDIA K80 GPUs",AZ+" (NC: K80)",K80N)
I("azure-nc-2",["NC12"],"nvidia-tesla-k80",2,"Azure NC size, NVIDIA K80 GPUs",AZ+" (NC: K80)",K80N)
I("azure-nc-4",["NC24","NC24r"],"nvidia-tesla-k80",4,"Azure NC size, NVIDIA K80 GPUs",AZ+" (NC: K80)",K80N)
I("azure-ncv2-1",["NC6s v2"],"nvidia-tesla-p100",1,"Azure NCv2 size, NVIDIA P100 GPUs",AZ+" (NCv2: P100)")
I("azure-ncv2-2",["NC12s v2"],"nvidia-tesla-p100",2,"Azure NCv2 size, NVIDIA P100 GPUs",AZ+" (NCv2: P100)")
I("azure-ncv2-4",["NC24s v2","NC24rs v2"],"nvidia-tesla-p100",4,"Azure NCv2 size, NVIDIA P100 GPUs",AZ+" (NCv2: P100)")
I("azure-ncv3-1",["NC6s v3"],"nvidia-v100",1,"Azure NCv3 size, NVIDIA V100 GPUs",AZ+" (NCv3: V100)")
I("azure-ncv3-2",["NC12s v3"],"nvidia-v100",2,"Azure NCv3 size, NVIDIA V100 GPUs",AZ+" (NCv3: V100)")
I("azure-ncv3-4",["NC24s v3","NC24rs v3"],"nvidia-v100",4,"Azure NCv3 size, NVIDIA V100 GPUs",AZ+" (NCv3: V100)")
I("azure-nct4v3-1",["NC4as T4 v3","NC8as T4 v3","NC16as T4 v3"],"nvidia-t4",1,"Azure NCasT4_v3 size, NVIDIA T4 GPUs",AZ+" (NCasT4_v3: T4)")
I("azure-nct4v3-4",["NC64as T4 v3"],"nvidia-t4",4,"Azure NCasT4_v3 size, NVIDIA T4 GPUs",AZ+" (NCasT4_v3: T4)")
I("azure-nca100v4-1",["NC24ads A100 v4"],"nvidia-a100",1,"Azure NC A100 v4 size, NVIDIA A100 GPUs",AZ+" (NC A100 v4: A100 80 GB PCIe)")
I("azure-nca100v4-2",["NC48ads A100 v4"],"nvidia-a100",2,"Azure NC A100 v4 size, NVIDIA A100 GPUs",AZ+" (NC A100 v4: A100 80 GB PCIe)")
I("azure-nca100v4-4",["NC96ads A100 v4"],"nvidia-a100",4,"Azure NC A100 v4 size, NVIDIA A100 GPUs",AZ+" (NC A100 v4: A100 80 GB PCIe)")
I("azure-nd-1",["ND6s"],"nvidia-tesla-p40",1,"Azure ND size, NVIDIA P40 GPUs",AZ+" (ND: P40)")
I("azure-nd-2",["ND12s"],"nvidia-tesla-p40",2,"Azure ND size, NVIDIA P40 GPUs",AZ+" (ND: P40)")
I("azure-nd-4",["ND24s","ND24rs"],"nvidia-tesla-p40",4,"Azure ND size, NVIDIA P40 GPUs",AZ+" (ND: P40)")
I("azure-ndv2-8",["ND40rs v2"],"nvidia-v100",8,"Azure NDv2 size, NVIDIA V100 GPUs",AZ+" (NDv2: V100 32 GB)")
I("azure-nda100v4-8",["ND96asr v4","ND96asr A100 v4","ND96amsr A100 v4"],"nvidia-a100",8,"Azure ND A100 v4 size, NVIDIA A100 GPUs",AZ+" (ND A100 v4: A100 40 GB; NDm A100 v4: 80 GB)")
I("azure-ndh100v5-8",["ND96isr H100 v5"],"nvidia-h100",8,"Azure ND H100 v5 size, NVIDIA H100 GPUs",AZ+" (ND H100 v5: H100)")
rows.sort(key=lambda r: r["id"])
w = csv.DictWriter(sys.stdout, fieldnames=["id","class","aliases","device_id","devices_per_unit","alternatives","needs_noun","reason","source"], lineterminator="\n")
w.writeheader(); w.writerows(rows)
print(len(rows), file=sys.stderr)
